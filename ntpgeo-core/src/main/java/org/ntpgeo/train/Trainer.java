package org.ntpgeo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.common.ResourceLimitException;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.run.RunDirectory;
import org.ntpgeo.run.RunManifest;
import org.ntpgeo.run.RunStatus;

/**
 * The training loop shared by every model: learning-rate schedule, logged epochs (metrics row + checkpoint +
 * resumable state), progress bar, divergence detection, stop requests and run.json (see {@link RunManifest}).
 *
 * <p>Epoch e in the outputs is the state after e epochs (0 = initialisation). A resumed run continues from the
 * last saved state and produces the same metrics rows and checkpoints as an uninterrupted run.
 *
 * <p>Transactions: a new run is built in a staging directory and appears at its place only once run.json, the
 * epoch-0 checkpoint and the saved state are written; a run being written is locked, so a second writer fails at
 * once. Divergence: a non-finite loss or parameters, or a loss above {@link #EXPLOSION_FACTOR} times
 * max(initial loss, ln V, 1) (the loss of uniform predictions is ln V), stops the run with status diverged.
 * Stopping: {@link #requestStop()} (a command line calls it on Ctrl-C) ends the run after the current epoch,
 * which is then saved, so the reported epoch is always the saved one. The trainer installs no signal handlers.
 */
public final class Trainer {
    /** The loss may grow to this multiple of max(initial loss, ln V, 1) before the run counts as diverged. */
    public static final double EXPLOSION_FACTOR = 100;
    /** Options a resumed run may change. */
    public static final List<String> RESUMABLE_CHANGES = List.of("epochs", "threads");

    /**
     * Outcome of a run. {@code epoch} is the last saved epoch (-1 when nothing was written); {@code runDir} is null
     * when the run never appeared.
     */
    public record Result(RunStatus status, int epoch, double loss, double ceMinusH, String message, Path runDir) {
        public boolean completed() {
            return status == RunStatus.COMPLETED;
        }
    }

    private final ProgressListener progress;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private int stopAtEpoch = -1;

    /** A trainer that reports nothing. */
    public Trainer() {
        this(ProgressListener.NONE);
    }

    /** @param progress receives one task per training loop (epochs done, loss) */
    public Trainer(ProgressListener progress) {
        this.progress = progress;
    }

    /** Ask a running loop to stop after the current epoch and save it. Thread-safe; also before the run starts. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** For tests: behave as if a stop request arrived right after epoch {@code epoch}. */
    void stopAfterEpoch(int epoch) {
        this.stopAtEpoch = epoch;
    }

    /** A new run into {@code out} (which must not exist) on the dataset {@code data} (its directory or dataset.npz). */
    public Result train(Path data, TrainingOptions options, Path out) {
        Path dataDir = datasetDir(data);
        NtpDataset ds = DatasetFiles.read(dataDir);
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new OptionError("run directory " + target + " already exists; continue it with {resume} " + out + " or choose another {out}");
        }
        preflight(ds, options);
        try (TrainableModel model = Models.create(ds, options);
             RunDirectory run = RunDirectory.create(target)) {
            Provenance prov = Provenance.of("ntpgeo train").options(options.toJson()).put("blas", NativeBlas.config());
            RunManifest manifest = RunManifest.create(target, dataDir, DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)),
                    ds.vocabSize(), ds.contextCount(), ds.entropy(), prov);
            Logged first = logEpoch(run, model, 0, ds.entropy(), 0, Double.POSITIVE_INFINITY);
            if (first.failure != null) {
                Result r = diverged(run, manifest, 0, -1, first.failure);
                run.commit();
                return r;
            }
            double limit = lossLimit(first.loss, ds.vocabSize());
            manifest.lossLimit(limit).last(first.last);
            run.saveState(0, 0, model::saveState);
            run.writeManifest(manifest);
            if (stopRequested.get()) {
                return new Result(RunStatus.INTERRUPTED, -1, Double.NaN, Double.NaN,
                        "stopped before the run directory " + target + " was complete; nothing was written", null);
            }
            run.commit();
            return loop(run, manifest, ds, model, options, 0, 0.0, limit, first.loss, -1);
        }
    }

    /**
     * Continue the run in {@code runDir}. {@code changes} (may be null) holds the options given with the resume:
     * epochs (to extend the run) and threads may change, any other option that differs from run.json is refused;
     * {@code data} (may be null) must be the run's dataset.
     */
    public Result resume(Path runDir, TrainingOptions.Builder changes, Path data) {
        TrainingOptions.Builder given = changes != null ? changes : TrainingOptions.builder();
        try (RunDirectory run = RunDirectory.openForResume(runDir)) {
            Path root = run.root();
            RunManifest manifest = run.readManifest();
            if (manifest.status() == RunStatus.DIVERGED) {
                throw new UserError("run " + root + " diverged; resuming would diverge again: start a new run with a smaller learning rate");
            }
            TrainingOptions stored;
            try {
                stored = TrainingOptions.fromRecorded(manifest.options());
            } catch (OptionError e) {
                throw new UserError("run.json of " + root + " has options this version cannot use: " + e.getMessage());
            }
            Path dataDir = manifest.dataDir(root);
            if (dataDir == null) throw new UserError("run.json of " + root + " names no dataset; the run cannot be resumed");
            refuseConflicts(root, stored, given, data == null ? null : datasetDir(data), dataDir);
            JsonNode givenJson = given.toJson();
            int total = givenJson.has("epochs") ? givenJson.get("epochs").asInt() : stored.epochs();
            if (total != stored.epochs() && stored.lrSchedule().dependsOnLength()) {
                throw new OptionError("the " + stored.lrSchedule() + " {lr_schedule} depends on {epochs}; it cannot change on resume");
            }
            TrainingOptions.Builder b = stored.toBuilder().epochs(total);
            if (givenJson.has("threads")) b.threads(givenJson.get("threads").asInt());
            TrainingOptions options = b.build();
            JsonNode state = run.trainerState();
            int done = state.path("epoch").asInt();
            if (done >= total) {
                throw new OptionError("run " + root + " already has " + done + " epochs; pass {epochs} N with N > " + done + " to continue it");
            }
            Path npz = dataDir.resolve(DatasetFiles.NPZ);
            if (!Files.exists(npz)) throw new UserError("the dataset of run " + root + " is gone: " + npz);
            if (!manifest.datasetSha256().equalsIgnoreCase(DatasetFiles.sha256(npz))) {
                throw new UserError("the dataset " + dataDir + " changed since run " + root + " started (sha256 differs)");
            }
            NtpDataset ds = DatasetFiles.read(dataDir);
            preflight(ds, options);
            try (TrainableModel model = Models.create(ds, options)) {
                Path stateFile = run.modelState();
                try {
                    model.loadState(stateFile);
                } catch (UserError e) {
                    throw e;
                } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                    throw new UserError("cannot read the saved state " + stateFile + " (" + e.getMessage() + "); the run cannot be "
                            + "resumed: analyse it as it is, or start a new run");
                }
                LogSchedule log = options.log();
                // rows and checkpoints after the saved state go; the saved epoch itself stays until the next save even
                // when the log schedule would not have logged it (run.json's final block names it until then)
                run.keepMetricsRows(e -> e <= done && (log.isLogged(e, total) || e == done));
                run.keepCheckpoints(e -> e <= done && (log.isLogged(e, total) || e == done));
                double initial = run.initialLoss();
                double limit = Double.isFinite(manifest.lossLimit()) ? manifest.lossLimit() : lossLimit(initial, ds.vocabSize());
                manifest.migrate(root, "ntpgeo train").options(options.toJson()).lossLimit(limit).status(RunStatus.RUNNING, null)
                        .touch(Map.of("updated_by_version", Provenance.version(), "blas", NativeBlas.config()));
                if (options.threads() != stored.threads()) {
                    // keep the history of the thread count, and whether the numbers depend on it
                    JsonNode before = manifest.provenance().path("thread_changes");
                    com.fasterxml.jackson.databind.node.ArrayNode history = before.isArray()
                            ? (com.fasterxml.jackson.databind.node.ArrayNode) before : org.ntpgeo.io.Json.mapper().createArrayNode();
                    ObjectNode change = history.addObject();
                    change.put("at_epoch", done);
                    change.put("from", stored.threads());
                    change.put("to", options.threads());
                    change.put("bit_identical_to_uninterrupted", model.threadCountIndependent());
                    manifest.provenance("thread_changes", history);
                }
                run.writeManifest(manifest);
                int offSchedule = log.isLogged(done, total) ? -1 : done;
                return loop(run, manifest, ds, model, options, done, state.path("seconds").asDouble(), limit, Double.NaN, offSchedule);
            }
        }
    }

    private static void refuseConflicts(Path root, TrainingOptions stored, TrainingOptions.Builder given, Path data, Path storedData) {
        List<String> differ = stored.differences(given, RESUMABLE_CHANGES);
        JsonNode have = stored.toJson(), want = given.toJson();
        List<String> parts = new ArrayList<>();
        for (String f : differ) {
            parts.add("{" + f + "} " + want.get(f).asText() + " (run.json: " + (have.has(f) ? have.get(f).asText() : "not used by this model") + ")");
        }
        if (data != null && !sameFile(data, storedData)) parts.add("{data} " + data + " (run.json: " + storedData + ")");
        if (!parts.isEmpty()) {
            throw new OptionError("run " + root + " continues with the options of its run.json; these differ: " + String.join(", ", parts)
                    + ". Drop them (only {epochs} and {threads} may change), or train a new run with them");
        }
    }

    /**
     * @param offSchedule a resumed run's saved epoch when the log schedule does not log it (else -1): its row and
     *                    checkpoint are dropped once a later epoch is saved, so the run matches an uninterrupted one
     */
    private Result loop(RunDirectory run, RunManifest manifest, NtpDataset ds, TrainableModel model, TrainingOptions options,
                        int startEpoch, double secondsBefore, double limit, double initialLoss, int offSchedule) {
        int total = options.epochs();
        LrSchedule schedule = options.lrSchedule();
        LogSchedule log = options.log();
        double entropy = ds.entropy();
        long t0 = System.nanoTime();
        int epoch = startEpoch;
        int lastLogged = startEpoch;
        double lastLoss = initialLoss;
        try (Progress bar = progress.start("train " + options.model(), total)) {
            bar.update(epoch, info(lastLoss, entropy));
            while (epoch < total && !stopRequested.get()) {
                model.trainEpoch(epoch, schedule.rate(options.learningRate(), epoch, total));
                epoch++;
                double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                if (model instanceof ReportsEpochLoss r) {
                    double l = r.lastEpochLoss();
                    String bad = lossProblem(l, limit);
                    if (bad != null) return diverged(run, manifest, epoch, lastLogged, bad + " during epoch " + epoch);
                    lastLoss = l;
                }
                if (epoch == stopAtEpoch) stopRequested.set(true);
                // an epoch is saved when the schedule logs it or when a stop was requested meanwhile, so that the
                // epoch reported as interrupted is always the saved one
                if (log.isLogged(epoch, total) || stopRequested.get()) {
                    Logged l = save(run, manifest, model, epoch, entropy, seconds, limit, offSchedule);
                    if (l.failure != null) return diverged(run, manifest, epoch, lastLogged, l.failure);
                    lastLogged = epoch;
                    lastLoss = l.loss;
                    offSchedule = -1;
                }
                bar.update(epoch, info(lastLoss, entropy));
            }
            if (epoch != lastLogged) { // the stop request came after the last check in the loop
                Logged l = save(run, manifest, model, epoch, entropy, secondsBefore + (System.nanoTime() - t0) / 1e9, limit, offSchedule);
                if (l.failure != null) return diverged(run, manifest, epoch, lastLogged, l.failure);
            }
            boolean done = epoch >= total;
            String message = done ? null : "interrupted after epoch " + epoch + "; continue with: ntpgeo train --resume " + run.root();
            manifest.status(done ? RunStatus.COMPLETED : RunStatus.INTERRUPTED, message);
            run.writeManifest(manifest);
            RunManifest.FinalEpoch last = manifest.last();
            double loss = last == null ? Double.NaN : last.loss();
            return new Result(done ? RunStatus.COMPLETED : RunStatus.INTERRUPTED, epoch, loss, loss - entropy,
                    done ? "completed " + epoch + " epochs" : message, run.root());
        }
    }

    /** 100 x max(initial loss, ln V, 1); a non-finite initial loss leaves only the non-finite test. */
    static double lossLimit(double initialLoss, int vocab) {
        double base = Math.max(1, Math.log(Math.max(1, vocab)));
        if (Double.isFinite(initialLoss)) base = Math.max(base, initialLoss);
        return EXPLOSION_FACTOR * base;
    }

    /** Why {@code loss} means divergence, or null when it is fine. */
    private static String lossProblem(double loss, double limit) {
        if (!Double.isFinite(loss)) return "loss = " + loss;
        if (loss > limit) {
            return String.format(Locale.ROOT, "loss %.4g exceeds %.4g = %.0f x max(initial loss, ln V, 1)", loss, limit, EXPLOSION_FACTOR);
        }
        return null;
    }

    private static String info(double loss, double entropy) {
        return String.format(Locale.ROOT, "loss %.6g  CE-H %.3e", loss, loss - entropy);
    }

    /** A logged epoch, or the reason why it could not be logged (then nothing was written). */
    private record Logged(double loss, RunManifest.FinalEpoch last, String failure) {}

    /** Metrics row and checkpoint for {@code epoch}; nothing is written when the loss or parameters are bad. */
    private static Logged logEpoch(RunDirectory run, TrainableModel model, int epoch, double entropy, double seconds, double limit) {
        double loss = model.loss();
        String bad = lossProblem(loss, limit);
        if (bad != null) return new Logged(loss, null, bad + " at epoch " + epoch);
        Matrix w = model.wordEmbeddings();
        Matrix h = model.contextEmbeddings();
        if (!w.isFinite() || !h.isFinite()) return new Logged(loss, null, "parameters not finite at epoch " + epoch);
        Matrix l = Blas.multiply(w, h);
        double nw = w.frobeniusNorm(), nh = h.frobeniusNorm(), nl = l.frobeniusNorm();
        if (!Double.isFinite(nl)) return new Logged(loss, null, "logits not finite at epoch " + epoch);
        run.writeCheckpoint(epoch, w, h, l);
        run.appendMetrics(List.of(epoch, loss, loss - entropy, nw, nh, nl, seconds));
        return new Logged(loss, new RunManifest.FinalEpoch(epoch, loss, loss - entropy, nw, nh, nl, seconds,
                "checkpoints/" + org.ntpgeo.run.RunFiles.checkpointName(epoch)), null);
    }

    /**
     * Logs and saves {@code epoch} (checkpoint, metrics row, state, run.json); then drops the off-schedule epoch
     * {@code drop} of a resumed run (-1: none). Nothing is written when the epoch is not fit to be saved.
     */
    private static Logged save(RunDirectory run, RunManifest manifest, TrainableModel model, int epoch, double entropy, double seconds,
                               double limit, int drop) {
        Logged l = logEpoch(run, model, epoch, entropy, seconds, limit);
        if (l.failure != null) return l;
        manifest.last(l.last);
        run.saveState(epoch, seconds, model::saveState);
        run.writeManifest(manifest);
        if (drop >= 0) {
            run.keepMetricsRows(e -> e != drop);
            run.keepCheckpoints(e -> e != drop);
        }
        return l;
    }

    private static Result diverged(RunDirectory run, RunManifest manifest, int epoch, int lastLogged, String why) {
        String keep = lastLogged >= 0 ? "the last good checkpoint is " + run.checkpointAtTarget(lastLogged) : "no checkpoint was written";
        String msg = "training diverged (" + why + "); lower the learning rate; " + keep;
        manifest.divergedAt(epoch, msg);
        run.writeManifest(manifest);
        return new Result(RunStatus.DIVERGED, epoch, Double.NaN, Double.NaN, msg, run.target());
    }

    /**
     * Refuses a run that cannot fit: model buffers (from its provider) plus what a checkpoint costs (L = W H and its
     * bytes in one .npz entry).
     */
    static void preflight(NtpDataset ds, TrainingOptions options) {
        long v = ds.vocabSize(), m = ds.contextCount(), d = options.dim();
        Preflight.Estimate e = Models.provider(options.model()).memory(ds, options);
        long lBytes = Preflight.multiply("the bytes of L = W H", 8, v, m);
        if (lBytes > Preflight.MAX_ARRAY_LENGTH) {
            throw new ResourceLimitException("a checkpoint's L = W H (V x m = " + v + " x " + m + ") takes " + Preflight.bytes(lBytes)
                    + ", above the 2 GiB one .npz entry holds; use a smaller dataset");
        }
        e.doubles("checkpoint L = W H", v, m);
        e.heap("checkpoint bytes", lBytes);
        e.doubles("checkpoint W, H", Preflight.multiply("W and H", v + m, d));
        e.check();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.equals(b) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Path datasetDir(Path data) {
        Path p = data.toAbsolutePath().normalize();
        return Files.isRegularFile(p) ? p.getParent() : p;
    }
}
