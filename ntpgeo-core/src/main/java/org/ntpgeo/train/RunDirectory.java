package org.ntpgeo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Matrix;

/**
 * The files of a training run (the fixed contract that analysis reads):
 * <pre>
 *   RUN/run.json                          format ntpgeo-run/1: data, data_sha256, options, versions, status, final, entropy_H
 *   RUN/metrics.csv                       epoch,loss,ce_minus_h,norm_w,norm_h,norm_l,seconds (one row per logged epoch)
 *   RUN/checkpoints/epoch-NNNNNN.npz      W (V x d), H (d x m), L (V x m) float64, epoch (int64 scalar)
 *   RUN/state/trainer.json + model-*.state  everything needed for a bit-exact --resume
 * </pre>
 * Every file is replaced atomically; metrics.csv grows by whole appended rows.
 */
public final class RunDirectory {
    public static final String FORMAT = "ntpgeo-run/1";
    public static final List<String> METRICS_HEADER = List.of("epoch", "loss", "ce_minus_h", "norm_w", "norm_h", "norm_l", "seconds");

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Creates a new run directory; a directory that already exists is a user error (use --resume). */
    public static RunDirectory create(Path root) {
        RunDirectory run = new RunDirectory(root);
        if (Files.exists(run.root)) {
            throw new UserError("run directory " + run.root + " already exists; continue it with --resume " + root
                    + " or choose another --out");
        }
        try {
            Files.createDirectories(run.checkpoints());
            Files.createDirectories(run.stateDir());
        } catch (IOException e) {
            throw new UserError("cannot create run directory " + run.root + ": " + e.getMessage());
        }
        CsvWriter.writeAll(run.metrics(), METRICS_HEADER, List.of());
        return run;
    }

    /** Opens an existing run for --resume. */
    public static RunDirectory open(Path root) {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isRegularFile(run.runJson())) {
            throw new UserError("not an ntpgeo run directory: " + run.runJson() + " does not exist");
        }
        JsonNode j = Json.read(run.runJson());
        if (!FORMAT.equals(j.path("format").asText())) {
            throw new UserError("not an ntpgeo run directory: " + run.runJson() + " has format '" + j.path("format").asText() + "'");
        }
        if (!Files.isRegularFile(run.stateDir().resolve("trainer.json"))) {
            throw new UserError("run " + run.root + " has no saved state (state/trainer.json); it cannot be resumed");
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path runJson() {
        return root.resolve("run.json");
    }

    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path stateDir() {
        return root.resolve("state");
    }

    public static String checkpointName(int epoch) {
        return String.format(Locale.ROOT, "epoch-%06d.npz", epoch);
    }

    public Path checkpoint(int epoch) {
        return checkpoints().resolve(checkpointName(epoch));
    }

    public void writeCheckpoint(int epoch, Matrix w, Matrix h, Matrix l) {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("W", NdArray.ofColumnMajor(w.data, w.rows, w.cols));
        a.put("H", NdArray.ofColumnMajor(h.data, h.rows, h.cols));
        a.put("L", NdArray.ofColumnMajor(l.data, l.rows, l.cols));
        a.put("epoch", NdArray.scalar((long) epoch));
        Npz.write(checkpoint(epoch), a);
    }

    public void appendMetrics(List<?> row) {
        CsvWriter.append(metrics(), row);
    }

    /** Rewrites metrics.csv keeping the header and the complete rows whose epoch passes {@code keep}. */
    public void keepMetricsRows(IntPredicate keep) {
        List<List<String>> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(metrics());
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (f.length != METRICS_HEADER.size()) continue; // incomplete last line after a hard crash
                if (keep.test(Integer.parseInt(f[0]))) rows.add(List.of(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CsvWriter.writeAll(metrics(), METRICS_HEADER, rows);
    }

    /** Deletes the checkpoints whose epoch fails {@code keep}. */
    public void keepCheckpoints(IntPredicate keep) {
        try (Stream<Path> files = Files.list(checkpoints())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.matches("epoch-\\d{6,}\\.npz") && !keep.test(Integer.parseInt(n.substring(6, n.length() - 4)))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the model state and then (atomically) the trainer state that points to it. */
    public void saveState(TrainableModel model, int epoch, double seconds) {
        String name = String.format(Locale.ROOT, "model-%06d.state", epoch);
        model.saveState(stateDir().resolve(name));
        ObjectNode t = Json.object();
        t.put("epoch", epoch);
        t.put("seconds", seconds);
        t.put("model_state", name);
        Json.write(stateDir().resolve("trainer.json"), t);
        try (Stream<Path> files = Files.list(stateDir())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith("model-") && !n.equals(name)) AtomicFiles.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode trainerState() {
        return Json.read(stateDir().resolve("trainer.json"));
    }

    public Path modelState() {
        return stateDir().resolve(trainerState().path("model_state").asText());
    }

    public ObjectNode readRunJson() {
        return (ObjectNode) Json.read(runJson());
    }

    public void writeRunJson(ObjectNode json) {
        Json.write(runJson(), json);
    }
}
