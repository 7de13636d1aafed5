package org.ntpgeo.geometry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.run.RunFiles;
import org.ntpgeo.run.RunManifest;

/**
 * The geometry's view of a run directory in the format {@code ntpgeo-run/1}, which {@link org.ntpgeo.run} owns
 * (reader and writer side by side there): run.json as a {@link RunManifest}, the dataset it names and the
 * checkpoint files, listed cheaply and loaded one at a time.
 */
public final class RunReader {
    public static final String FORMAT = RunManifest.FORMAT;

    private RunReader() {}

    /** A run: its directory, run.json, the dataset directory it names and its checkpoint files by epoch. */
    public record TrainingRun(Path dir, RunManifest manifest, Path dataDir, List<CheckpointFile> checkpoints) {
        /** run.json as read (older runs in their own layout). */
        public JsonNode runJson() {
            return manifest.toJson();
        }

        /** The model name from the options, or "?" when absent. */
        public String model() {
            return manifest.model();
        }

        /** The recorded optimizer, or "?" when absent. */
        public String optimizer() {
            JsonNode o = manifest.options().path("optimizer");
            return o.isMissingNode() || o.isNull() ? "?" : o.asText();
        }

        /** The recorded weight decay, NaN when absent. */
        public double weightDecay() {
            JsonNode w = manifest.options().path("weight_decay");
            return w.isNumber() ? w.asDouble() : Double.NaN;
        }

        /** The recorded embedding dimension d, or {@code otherwise} when absent. */
        public int dim(int otherwise) {
            JsonNode d = manifest.options().path("dim");
            return d.canConvertToInt() && d.asInt() > 0 ? d.asInt() : otherwise;
        }

        /** lambda when the run minimised the UFM objective ({@link UfmObjective}), else empty. */
        public java.util.OptionalDouble ufmLambda() {
            return UfmObjective.lambda(model(), optimizer(), weightDecay());
        }

        public String status() {
            return manifest.statusText();
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
        RunFiles.RunInfo info = RunFiles.open(runDir, dataOverride);
        return new TrainingRun(info.dir(), info.manifest(), info.dataDir(), convert(info.checkpoints()));
    }

    /**
     * A warning when run.json's dataset sha256 does not match the dataset's dataset.npz (the dataset was rebuilt
     * after training), or null when it matches or no hash is recorded.
     */
    public static String datasetHashWarning(TrainingRun run) {
        return RunFiles.datasetHashWarning(run.manifest(), run.dataDir());
    }

    /** Checkpoint files sorted by epoch (empty when the run has none). */
    public static List<CheckpointFile> listCheckpoints(Path runDir) {
        return convert(RunFiles.listCheckpoints(runDir));
    }

    private static List<CheckpointFile> convert(List<RunFiles.CheckpointFile> files) {
        return files.stream().map(f -> new CheckpointFile(f.epoch(), f.file())).toList();
    }

    /** Load one checkpoint; shapes are checked against V and m of the dataset. */
    public static Checkpoint load(CheckpointFile cf, int vocabSize, int contexts) {
        RunFiles.Checkpoint c = RunFiles.loadCheckpoint(new RunFiles.CheckpointFile(cf.epoch(), cf.file()), vocabSize, contexts);
        return new Checkpoint(c.epoch(), c.w(), c.h(), c.l());
    }
}
