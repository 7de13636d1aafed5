package org.ntpgeo.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;

/**
 * The files of a run directory, format {@code ntpgeo-run/1} (the public contract that {@code analyze},
 * {@code report compare} and other tools read):
 * <pre>
 *   RUN/run.json                          {@link RunManifest}
 *   RUN/metrics.csv                       epoch,loss,ce_minus_h,norm_w,norm_h,norm_l,seconds (one row per logged epoch)
 *   RUN/checkpoints/epoch-NNNNNN.npz      W (V x d), H (d x m), L (V x m) float64, epoch (int64 scalar)
 *   RUN/state/trainer.json + model-*.state  what a bit-exact {@code train --resume} needs (training runs only)
 *   RUN/.lock                             the lock of the process that writes the run (see {@link RunDirectory})
 * </pre>
 * This class reads runs and writes the per-file pieces; {@link RunDirectory} is the writer of a live run.
 */
public final class RunFiles {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String STATE = "state";
    public static final List<String> METRICS_HEADER = List.of("epoch", "loss", "ce_minus_h", "norm_w", "norm_h", "norm_l", "seconds");
    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d+)\\.npz");

    private RunFiles() {}

    /** A run opened for reading: its directory, manifest, dataset directory and checkpoint files by epoch. */
    public record RunInfo(Path dir, RunManifest manifest, Path dataDir, List<CheckpointFile> checkpoints) {}

    /** A checkpoint file and the epoch in its name. */
    public record CheckpointFile(long epoch, Path file) {}

    /** One loaded checkpoint. W or H may be null when the file lacks them; L is W H when the file lacks L. */
    public record Checkpoint(long epoch, Matrix w, Matrix h, Matrix l) {}

    /** "epoch-000012.npz" (at least six digits). */
    public static String checkpointName(long epoch) {
        return String.format(Locale.ROOT, "epoch-%06d.npz", epoch);
    }

    /** The manifest of {@code runDir}, or a user error saying why it is not a run. */
    public static RunManifest readManifest(Path runDir) {
        Path json = runDir.resolve(RUN_JSON);
        if (!Files.isDirectory(runDir)) throw new UserError("no such run directory: " + runDir);
        if (!Files.isRegularFile(json)) {
            throw new UserError("not an ntpgeo run: " + json + " does not exist (train one with 'ntpgeo train' or import one with 'ntpgeo run import')");
        }
        RunManifest m;
        try {
            m = RunManifest.fromJson(Json.read(json));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError("cannot read " + json + ": it is not valid JSON; the run is damaged");
        }
        if (!RunManifest.FORMAT.equals(m.format())) {
            throw new UserError("not an ntpgeo run: " + json + " has format '" + m.format() + "', expected " + RunManifest.FORMAT);
        }
        return m;
    }

    /** Open a run; {@code dataOverride} (may be null) replaces the dataset directory named in run.json. */
    public static RunInfo open(Path runDir, Path dataOverride) {
        RunManifest m = readManifest(runDir);
        Path data;
        if (dataOverride != null) {
            data = dataOverride;
        } else {
            data = m.dataDir(runDir);
            if (data == null) throw new UserError(runDir.resolve(RUN_JSON) + " names no dataset ('data'); pass the dataset directory explicitly");
        }
        if (!Files.exists(data)) throw new UserError("the run's dataset " + data + " does not exist; pass the dataset directory explicitly");
        return new RunInfo(runDir, m, data, listCheckpoints(runDir));
    }

    /**
     * A warning when the manifest's dataset sha256 does not match {@code dataDir}'s dataset.npz (the dataset was
     * rebuilt after training), or null when it matches or no hash is recorded.
     */
    public static String datasetHashWarning(RunManifest manifest, Path dataDir) {
        String want = manifest.datasetSha256();
        Path npz = Files.isDirectory(dataDir) ? dataDir.resolve(DatasetFiles.NPZ) : dataDir;
        if (want.length() != 64 || !Files.exists(npz)) return null;
        String have = DatasetFiles.sha256(npz);
        return have.equalsIgnoreCase(want) ? null
                : "Warning: " + npz + " has sha256 " + have.substring(0, 12) + "..., but the run was made from " + want.substring(0, 12)
                        + "... (dataset rebuilt or another dataset given); the metrics may not describe this run's data.";
    }

    /** Checkpoint files sorted by epoch (empty when the run has none). */
    public static List<CheckpointFile> listCheckpoints(Path runDir) {
        Path dir = runDir.resolve(CHECKPOINTS);
        List<CheckpointFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher mt = CHECKPOINT.matcher(f.getFileName().toString());
                if (mt.matches()) out.add(new CheckpointFile(Long.parseLong(mt.group(1)), f));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + AtomicFiles.reason(e), e);
        }
        out.sort(Comparator.comparingLong(CheckpointFile::epoch));
        return out;
    }

    /** Write one checkpoint (atomically): W, H, L = W H and the epoch. */
    public static void writeCheckpoint(Path file, long epoch, Matrix w, Matrix h, Matrix l) {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("W", NdArray.ofColumnMajor(w.data, w.rows, w.cols));
        a.put("H", NdArray.ofColumnMajor(h.data, h.rows, h.cols));
        a.put("L", NdArray.ofColumnMajor(l.data, l.rows, l.cols));
        a.put("epoch", NdArray.scalar(epoch));
        Npz.write(file, a);
    }

    /** Load one checkpoint; shapes are checked against V and m of the dataset. */
    public static Checkpoint loadCheckpoint(CheckpointFile cf, int vocabSize, int contexts) {
        Map<String, NdArray> a;
        try {
            a = Npz.read(cf.file());
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read checkpoint " + cf.file() + ": " + e.getMessage());
        }
        try {
            Matrix w = a.containsKey("W") ? matrix(a.get("W")) : null;
            Matrix h = a.containsKey("H") ? matrix(a.get("H")) : null;
            Matrix l = a.containsKey("L") ? matrix(a.get("L")) : null;
            long epoch = a.containsKey("epoch") ? a.get("epoch").longScalar() : cf.epoch();
            if (w != null && h != null && w.cols != h.rows) {
                throw new UserError("checkpoint " + cf.file() + ": W is " + w.rows + "x" + w.cols + " but H is " + h.rows + "x" + h.cols);
            }
            if (l == null) {
                if (w == null || h == null) throw new UserError("checkpoint " + cf.file() + " has neither L nor both W and H");
                l = Blas.multiply(w, h);
            }
            if (l.rows != vocabSize || l.cols != contexts) {
                throw new UserError("checkpoint " + cf.file() + ": L is " + l.rows + "x" + l.cols + " but the dataset is V=" + vocabSize + ", m=" + contexts);
            }
            if (w != null && w.rows != vocabSize) throw new UserError("checkpoint " + cf.file() + ": W has " + w.rows + " rows, V=" + vocabSize);
            if (h != null && h.cols != contexts) throw new UserError("checkpoint " + cf.file() + ": H has " + h.cols + " columns, m=" + contexts);
            return new Checkpoint(epoch, w, h, l);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserError("malformed checkpoint " + cf.file() + ": " + e.getMessage());
        }
    }

    /** A 2-d numeric array as a float64 matrix (any order, any numeric dtype). */
    public static Matrix matrix(NdArray a) {
        long[] s = a.shape();
        if (s.length != 2) throw new IllegalArgumentException("expected a 2-d array, got " + s.length + "-d");
        org.ntpgeo.common.Preflight.arrayLength("a " + s[0] + " x " + s[1] + " array", s[0], s[1]);
        return new Matrix((int) s[0], (int) s[1], a.asColumnMajor());
    }

    /** The state pointer of a training run ({@code state/trainer.json}), or a user error saying it is damaged. */
    static JsonNode trainerState(Path runDir) {
        Path f = runDir.resolve(STATE).resolve("trainer.json");
        try {
            JsonNode j = Json.read(f);
            if (!j.path("epoch").isInt() || !j.path("model_state").isTextual()) throw new IllegalArgumentException("fields missing");
            return j;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            String why = e instanceof IllegalArgumentException ? e.getMessage() : Files.exists(f) ? "not valid JSON" : "missing";
            throw new UserError("cannot read the saved state " + f + " (" + why + "); the run cannot be resumed: "
                    + "analyse it as it is, or start a new run");
        }
    }
}
