package org.ntpgeo.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Matrix;

/**
 * Reads a training run directory in the fixed format {@code ntpgeo-run/1}: {@code RUN/run.json},
 * {@code RUN/metrics.csv} and {@code RUN/checkpoints/epoch-NNNNNN.npz} (arrays W (V x d), H (d x m), L (V x m)
 * float64 and {@code epoch} int64). Checkpoints are listed cheaply and loaded one at a time.
 */
public final class RunReader {
    public static final String FORMAT = "ntpgeo-run/1";
    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d+)\\.npz");

    private RunReader() {}

    /** A run: its directory, run.json, the dataset directory it names and its checkpoint files by epoch. */
    public record TrainingRun(Path dir, JsonNode runJson, Path dataDir, List<CheckpointFile> checkpoints) {
        /** The model name from options.model, or "?" when absent. */
        public String model() {
            JsonNode o = runJson.path("options").path("model");
            return o.isMissingNode() || o.isNull() ? "?" : o.asText();
        }

        /** options.optimizer, or "?" when absent. */
        public String optimizer() {
            JsonNode o = runJson.path("options").path("optimizer");
            return o.isMissingNode() || o.isNull() ? "?" : o.asText();
        }

        /** options.weightDecay (or weight_decay), NaN when absent. */
        public double weightDecay() {
            JsonNode o = runJson.path("options");
            JsonNode w = o.has("weightDecay") ? o.get("weightDecay") : o.path("weight_decay");
            return w.isNumber() ? w.asDouble() : Double.NaN;
        }

        /** lambda when the run minimised the UFM objective ({@link UfmObjective}), else empty. */
        public java.util.OptionalDouble ufmLambda() {
            return UfmObjective.lambda(model(), optimizer(), weightDecay());
        }

        public String status() {
            return runJson.path("status").asText("?");
        }

        /** A short label for legends: the directory name. */
        public String label() {
            return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        }
    }

    /** A checkpoint file and the epoch in its name. */
    public record CheckpointFile(long epoch, Path file) {}

    /** One loaded checkpoint. W or H may be null when the file lacks them; L is W H when the file lacks L. */
    public record Checkpoint(long epoch, Matrix w, Matrix h, Matrix l) {}

    /** Open a run; {@code dataOverride} (may be null) replaces the dataset directory named in run.json. */
    public static TrainingRun open(Path runDir, Path dataOverride) {
        Path json = runDir.resolve("run.json");
        if (!Files.isDirectory(runDir)) throw new UserError("no such run directory: " + runDir);
        if (!Files.exists(json)) throw new UserError("not an ntpgeo run: " + json + " does not exist (train one with 'ntpgeo train')");
        JsonNode run;
        try {
            run = Json.read(json);
        } catch (UncheckedIOException e) {
            throw new UserError("not an ntpgeo run: " + json + " is not valid JSON");
        }
        String format = run.path("format").asText("");
        if (!FORMAT.equals(format)) throw new UserError("not an ntpgeo run: " + json + " has format '" + format + "', expected " + FORMAT);
        Path data;
        if (dataOverride != null) {
            data = dataOverride;
        } else {
            String d = run.path("data").asText("");
            if (d.isEmpty()) throw new UserError(json + " names no dataset ('data'); pass --data DIR");
            data = Path.of(d);
            if (!data.isAbsolute()) data = runDir.resolve(data);
        }
        if (!Files.exists(data)) throw new UserError("the run's dataset " + data + " does not exist; pass --data DIR");
        return new TrainingRun(runDir, run, data, listCheckpoints(runDir));
    }

    /**
     * A warning when run.json's {@code data_sha256} does not match the dataset's dataset.npz (the dataset was
     * rebuilt after training), or null when it matches or no hash is recorded.
     */
    public static String datasetHashWarning(TrainingRun run) {
        String want = run.runJson().path("data_sha256").asText("");
        Path npz = Files.isDirectory(run.dataDir()) ? run.dataDir().resolve(org.ntpgeo.data.DatasetFiles.NPZ) : run.dataDir();
        if (want.length() != 64 || !Files.exists(npz)) return null;
        String have = org.ntpgeo.data.DatasetFiles.sha256(npz);
        return have.equalsIgnoreCase(want) ? null
                : "Warning: " + npz + " has sha256 " + have.substring(0, 12) + "..., but the run was trained on " + want.substring(0, 12)
                        + "... (dataset rebuilt or --data points elsewhere); the metrics may not describe this run's data.";
    }

    /** Checkpoint files sorted by epoch (empty when the run has none). */
    public static List<CheckpointFile> listCheckpoints(Path runDir) {
        Path dir = runDir.resolve("checkpoints");
        List<CheckpointFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher mt = CHECKPOINT.matcher(f.getFileName().toString());
                if (mt.matches()) out.add(new CheckpointFile(Long.parseLong(mt.group(1)), f));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingLong(CheckpointFile::epoch));
        return out;
    }

    /** Load one checkpoint; shapes are checked against V and m of the dataset. */
    public static Checkpoint load(CheckpointFile cf, int vocabSize, int contexts) {
        Map<String, NdArray> a;
        try {
            a = Npz.read(cf.file());
        } catch (UncheckedIOException e) {
            throw new UserError("unreadable checkpoint " + cf.file() + ": " + e.getMessage());
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
                l = org.ntpgeo.linalg.Blas.multiply(w, h);
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

    private static Matrix matrix(NdArray a) {
        long[] s = a.shape();
        if (s.length != 2) throw new IllegalArgumentException("expected a 2-d array, got " + s.length + "-d");
        return new Matrix((int) s[0], (int) s[1], a.asColumnMajor());
    }
}
