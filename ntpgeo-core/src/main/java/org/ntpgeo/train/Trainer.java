package org.ntpgeo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;

/**
 * The training loop shared by every model: learning-rate schedule, logged epochs (metrics row + checkpoint +
 * resumable state), progress bar, NaN/inf detection, Ctrl-C handling and run.json (see {@link RunDirectory}).
 *
 * <p>Epoch e in the outputs is the state after e epochs (0 = initialisation). A resumed run continues from the
 * last saved state and produces the same metrics rows and checkpoints as an uninterrupted run.
 */
public final class Trainer {
    /** Outcome of a run; {@code status} is completed, interrupted or diverged. */
    public record Result(String status, int epoch, double loss, double ceMinusH, String message, Path runDir) {
        public boolean completed() {
            return "completed".equals(status);
        }
    }

    private final boolean showProgress;
    private final boolean handleSignals;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private int stopAtEpoch = -1;

    /**
     * @param showProgress  draw a progress bar on stderr
     * @param handleSignals install a shutdown hook so Ctrl-C writes a final checkpoint (the CLI does; tests do not)
     */
    public Trainer(boolean showProgress, boolean handleSignals) {
        this.showProgress = showProgress;
        this.handleSignals = handleSignals;
    }

    /** Ask a running loop to stop after the current epoch (as Ctrl-C does). Thread-safe. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** For tests: behave as if Ctrl-C arrived right after epoch {@code epoch}. */
    void stopAfterEpoch(int epoch) {
        this.stopAtEpoch = epoch;
    }

    /** A new run into {@code out} (which must not exist). */
    public Result train(Path data, TrainingOptions options, LogSchedule log, Path out) {
        if (options.epochs() < 0) throw new UserError("--epochs must be >= 0, got " + options.epochs());
        if (!(options.learningRate() > 0) || !Double.isFinite(options.learningRate())) {
            throw new UserError("--lr must be a finite number > 0, got " + options.learningRate());
        }
        LrSchedule schedule = LrSchedule.parse(options.lrSchedule());
        Path dataDir = datasetDir(data);
        NtpDataset ds = DatasetFiles.read(dataDir);
        if (Files.exists(out)) {
            throw new UserError("run directory " + out.toAbsolutePath().normalize() + " already exists; continue it with --resume "
                    + out + " or choose another --out");
        }
        try (TrainableModel model = Models.create(options.model(), ds, options)) {
            RunDirectory run = RunDirectory.create(out);
            ObjectNode json = Json.object();
            json.put("format", RunDirectory.FORMAT);
            json.put("data", dataDir.toString());
            json.put("data_sha256", DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)));
            ObjectNode opts = Json.MAPPER.valueToTree(options);
            opts.put("log_every", log.toString());
            json.set("options", opts);
            json.set("versions", versions());
            json.put("status", "running");
            json.put("entropy_H", ds.entropy());
            json.put("V", ds.vocabSize());
            json.put("m", ds.contextCount());
            run.writeRunJson(json);
            return loop(run, json, ds, model, options, schedule, log, 0, 0.0);
        }
    }

    /** Continue the run in {@code runDir}; {@code epochs} (may be null) extends it, {@code threads} may be null. */
    public Result resume(Path runDir, Integer epochs, Integer threads) {
        RunDirectory run = RunDirectory.open(runDir);
        ObjectNode json = run.readRunJson();
        String status = json.path("status").asText();
        if (status.equals("diverged")) {
            throw new UserError("run " + run.root() + " diverged; resuming would diverge again: start a new run with a smaller --lr");
        }
        ObjectNode opts = (ObjectNode) json.get("options").deepCopy();
        LogSchedule log = LogSchedule.parse(opts.path("log_every").asText("log"));
        opts.remove("log_every");
        TrainingOptions stored;
        try {
            stored = Json.MAPPER.treeToValue(opts, TrainingOptions.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("run.json of " + run.root() + " has unreadable options: " + e.getOriginalMessage());
        }
        LrSchedule schedule = LrSchedule.parse(stored.lrSchedule());
        int total = epochs != null ? epochs : stored.epochs();
        if (total != stored.epochs() && schedule.dependsOnLength()) {
            throw new UserError("the " + schedule + " learning-rate schedule depends on --epochs; it cannot change on --resume");
        }
        TrainingOptions options = new TrainingOptions(stored.model(), stored.dim(), total, stored.optimizer(), stored.learningRate(),
                stored.weightDecay(), stored.lrSchedule(), stored.batch(), stored.seed(), stored.float64(),
                threads != null ? threads : stored.threads(), stored.layers(), stored.heads(), stored.rope(), stored.initScale());
        JsonNode state = run.trainerState();
        int done = state.path("epoch").asInt();
        if (done >= total) {
            throw new UserError("run " + run.root() + " already has " + done + " epochs; pass --epochs N with N > " + done + " to continue it");
        }
        Path dataDir = Path.of(json.path("data").asText());
        String sha = json.path("data_sha256").asText();
        if (!Files.exists(dataDir.resolve(DatasetFiles.NPZ))) {
            throw new UserError("the dataset of run " + run.root() + " is gone: " + dataDir.resolve(DatasetFiles.NPZ));
        }
        if (!sha.equals(DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)))) {
            throw new UserError("the dataset " + dataDir + " changed since run " + run.root() + " started (sha256 differs)");
        }
        NtpDataset ds = DatasetFiles.read(dataDir);
        try (TrainableModel model = Models.create(options.model(), ds, options)) {
            model.loadState(run.modelState());
            run.keepMetricsRows(e -> e <= done && log.isLogged(e, total));
            run.keepCheckpoints(e -> e <= done && log.isLogged(e, total));
            ObjectNode o = Json.MAPPER.valueToTree(options);
            o.put("log_every", log.toString());
            json.set("options", o);
            if (options.threads() != stored.threads()) {
                // options.threads now holds the new count: keep the history, and whether the numbers are affected
                ObjectNode change = json.withArrayProperty("thread_changes").addObject();
                change.put("at_epoch", done);
                change.put("from", stored.threads());
                change.put("to", options.threads());
                change.put("bit_identical_to_uninterrupted", model.threadCountIndependent());
            }
            json.put("status", "running");
            json.set("versions", versions());
            run.writeRunJson(json);
            return loop(run, json, ds, model, options, schedule, log, done, state.path("seconds").asDouble());
        }
    }

    private Result loop(RunDirectory run, ObjectNode json, NtpDataset ds, TrainableModel model, TrainingOptions options,
                        LrSchedule schedule, LogSchedule log, int startEpoch, double secondsBefore) {
        int total = options.epochs();
        double entropy = ds.entropy();
        long t0 = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "ntpgeo-train-shutdown");
        if (handleSignals) Runtime.getRuntime().addShutdownHook(hook);
        int epoch = startEpoch;
        int lastLogged = -1;
        double lastLoss = Double.NaN;
        try (Progress progress = Progress.of("train " + model.kind(), total, showProgress)) {
            if (startEpoch == 0) {
                Logged l = logEpoch(run, model, 0, entropy, secondsBefore);
                if (l == null) return diverged(run, json, 0, -1, "the initial loss is not finite");
                json.set("final", l.json);
                lastLogged = 0;
                lastLoss = l.loss;
                saveState(run, model, 0, secondsBefore, json);
            } else {
                lastLogged = startEpoch;
            }
            progress.update(epoch, info(lastLoss, entropy));
            while (epoch < total) {
                if (stopRequested.get()) break;
                model.trainEpoch(epoch, schedule.rate(options.learningRate(), epoch, total));
                epoch++;
                double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                if (model instanceof ReportsEpochLoss r) {
                    double l = r.lastEpochLoss();
                    if (!Double.isFinite(l)) return diverged(run, json, epoch, lastLogged, "loss = " + l + " during epoch " + epoch);
                    lastLoss = l;
                }
                boolean stopNow = stopRequested.get() || epoch == stopAtEpoch;
                if (log.isLogged(epoch, total) || stopNow) {
                    Logged l = logEpoch(run, model, epoch, entropy, seconds);
                    if (l == null) return diverged(run, json, epoch, lastLogged, "loss or parameters not finite at epoch " + epoch);
                    lastLogged = epoch;
                    lastLoss = l.loss;
                    json.set("final", l.json);
                    saveState(run, model, epoch, seconds, json);
                }
                progress.update(epoch, info(lastLoss, entropy));
                if (stopNow) {
                    stopRequested.set(true);
                    break;
                }
            }
            boolean done = epoch >= total;
            json.put("status", done ? "completed" : "interrupted");
            json.remove("message");
            if (!done) json.put("message", "interrupted after epoch " + epoch + "; continue with: ntpgeo train --resume " + run.root());
            run.writeRunJson(json);
            double loss = json.path("final").path("loss").asDouble(Double.NaN);
            return new Result(done ? "completed" : "interrupted", epoch, loss, loss - entropy,
                    done ? "completed " + epoch + " epochs" : json.path("message").asText(), run.root());
        } finally {
            finished.countDown();
            if (handleSignals) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // the JVM is already shutting down (Ctrl-C): the hook is waiting for us, which is fine
                }
            }
        }
    }

    private static String info(double loss, double entropy) {
        return String.format(Locale.ROOT, "loss %.6g  CE-H %.3e", loss, loss - entropy);
    }

    private record Logged(double loss, ObjectNode json) {}

    /** Metrics row and checkpoint for epoch {@code epoch}; null (and nothing written) when not finite. */
    private static Logged logEpoch(RunDirectory run, TrainableModel model, int epoch, double entropy, double seconds) {
        double loss = model.loss();
        Matrix w = model.wordEmbeddings();
        Matrix h = model.contextEmbeddings();
        if (!Double.isFinite(loss) || !w.isFinite() || !h.isFinite()) return null;
        Matrix l = Blas.multiply(w, h);
        double nw = w.frobeniusNorm(), nh = h.frobeniusNorm(), nl = l.frobeniusNorm();
        if (!Double.isFinite(nl)) return null;
        run.writeCheckpoint(epoch, w, h, l);
        run.appendMetrics(List.of(epoch, loss, loss - entropy, nw, nh, nl, seconds));
        ObjectNode f = Json.object();
        f.put("epoch", epoch);
        f.put("loss", loss);
        f.put("ce_minus_h", loss - entropy);
        f.put("norm_w", nw);
        f.put("norm_h", nh);
        f.put("norm_l", nl);
        f.put("seconds", seconds);
        f.put("checkpoint", "checkpoints/" + RunDirectory.checkpointName(epoch));
        return new Logged(loss, f);
    }

    private static void saveState(RunDirectory run, TrainableModel model, int epoch, double seconds, ObjectNode json) {
        run.saveState(model, epoch, seconds);
        run.writeRunJson(json);
    }

    private static Result diverged(RunDirectory run, ObjectNode json, int epoch, int lastLogged, String why) {
        String keep = lastLogged >= 0 ? "the last good checkpoint is " + run.checkpoint(lastLogged) : "no checkpoint was written";
        String msg = "training diverged (" + why + "); lower --lr; " + keep;
        json.put("status", "diverged");
        json.put("message", msg);
        json.put("diverged_at_epoch", epoch);
        run.writeRunJson(json);
        return new Result("diverged", epoch, Double.NaN, Double.NaN, msg, run.root());
    }

    private static Path datasetDir(Path data) {
        Path p = data.toAbsolutePath().normalize();
        return Files.isRegularFile(p) ? p.getParent() : p;
    }

    private static ObjectNode versions() {
        ObjectNode v = Json.object();
        String own = Trainer.class.getPackage().getImplementationVersion();
        v.put("ntpgeo", own == null ? "0.1.0-SNAPSHOT" : own);
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("blas", NativeBlas.config());
        return v;
    }
}
