package org.ntpgeo.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.DirectoryLock;
import org.ntpgeo.io.Json;
import org.ntpgeo.linalg.Matrix;

/**
 * The writer of a run directory (layout in {@link RunFiles}), a transaction with a lock:
 * <ul>
 *   <li>{@link #create} builds a new run in a hidden staging sibling; {@link #commit()} renames it into place once
 *       run.json and the first checkpoint are written, so the run directory appears complete or not at all;</li>
 *   <li>{@link #openForResume} opens an existing run and removes the temporary files a killed writer left;</li>
 *   <li>either way the directory is locked ({@link DirectoryLock}) until {@link #close()}: a second writer fails at
 *       once, naming the process that holds the run.</li>
 * </ul>
 * Every file is replaced atomically; metrics.csv grows by whole appended rows.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path target;
    private final AtomicFiles.StagedDirectory staged;
    private final DirectoryLock lock;
    private Path root;

    private RunDirectory(Path target, AtomicFiles.StagedDirectory staged, DirectoryLock lock) {
        this.target = target;
        this.staged = staged;
        this.lock = lock;
        this.root = staged != null ? staged.path() : target;
    }

    /** A new run for {@code target} (which must not exist), staged and locked; {@link #commit()} publishes it. */
    public static RunDirectory create(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t)) throw new OptionError("run directory " + t + " already exists; choose another {out}");
        AtomicFiles.StagedDirectory s = AtomicFiles.stageDirectory(t, false);
        DirectoryLock l = null;
        try {
            l = DirectoryLock.acquire(s.path(), "run " + t);
            AtomicFiles.createDirectories(s.path().resolve(RunFiles.CHECKPOINTS));
            CsvWriter.writeAll(s.path().resolve(RunFiles.METRICS), RunFiles.METRICS_HEADER, List.of());
            return new RunDirectory(t, s, l);
        } catch (RuntimeException e) {
            close(l, s);
            throw e;
        }
    }

    private static void close(DirectoryLock l, AtomicFiles.StagedDirectory s) {
        if (l != null) l.close();
        s.close();
    }

    /**
     * Opens the run in {@code dir} for continuing it: checks run.json and the saved state, takes the lock (a user
     * error naming the holder when another process writes the run) and deletes stale temporary files.
     */
    public static RunDirectory openForResume(Path dir) {
        Path t = dir.toAbsolutePath().normalize();
        RunFiles.readManifest(t);
        if (!Files.isRegularFile(t.resolve(RunFiles.STATE).resolve("trainer.json"))) {
            throw new UserError("run " + t + " has no saved state (state/trainer.json); it cannot be resumed (an imported run?)");
        }
        DirectoryLock l = DirectoryLock.acquire(t, "run " + t);
        RunDirectory run = new RunDirectory(t, null, l);
        run.removeTemporaries();
        return run;
    }

    /** Deletes leftovers of atomic writes (hidden *.tmp files); safe because this process holds the lock. */
    private void removeTemporaries() {
        for (Path dir : List.of(root, checkpoints(), stateDir())) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(p)) Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir + ": " + AtomicFiles.reason(e), e);
            }
        }
    }

    /** Renames the staged run to its place (a no-op for an opened run). */
    public void commit() {
        if (staged == null || root.equals(target)) return;
        staged.commit();
        root = target;
    }

    /** True when the run is at its final place (committed or opened). */
    public boolean published() {
        return root.equals(target);
    }

    /** Where files are written now (the staging directory until {@link #commit()}). */
    public Path root() {
        return root;
    }

    /** The run's final place. */
    public Path target() {
        return target;
    }

    public Path runJson() {
        return root.resolve(RunFiles.RUN_JSON);
    }

    public Path metrics() {
        return root.resolve(RunFiles.METRICS);
    }

    public Path checkpoints() {
        return root.resolve(RunFiles.CHECKPOINTS);
    }

    public Path stateDir() {
        return root.resolve(RunFiles.STATE);
    }

    /** The checkpoint file of {@code epoch} at the run's final place (for messages). */
    public Path checkpointAtTarget(long epoch) {
        return target.resolve(RunFiles.CHECKPOINTS).resolve(RunFiles.checkpointName(epoch));
    }

    public void writeCheckpoint(long epoch, Matrix w, Matrix h, Matrix l) {
        RunFiles.writeCheckpoint(checkpoints().resolve(RunFiles.checkpointName(epoch)), epoch, w, h, l);
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
                if (f.length != RunFiles.METRICS_HEADER.size()) continue; // incomplete last line after a hard crash
                try {
                    if (keep.test(Integer.parseInt(f[0]))) rows.add(List.of(f));
                } catch (NumberFormatException e) {
                    // a damaged row: drop it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics() + ": " + AtomicFiles.reason(e), e);
        }
        CsvWriter.writeAll(metrics(), RunFiles.METRICS_HEADER, rows);
    }

    /** The loss of the epoch-0 row of metrics.csv, or NaN when there is none. */
    public double initialLoss() {
        try {
            List<String> lines = Files.readAllLines(metrics());
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (f.length == RunFiles.METRICS_HEADER.size() && f[0].equals("0")) return Double.parseDouble(f[1]);
            }
        } catch (IOException | NumberFormatException e) {
            // no usable row
        }
        return Double.NaN;
    }

    /** Deletes the checkpoints whose epoch fails {@code keep}. */
    public void keepCheckpoints(IntPredicate keep) {
        for (RunFiles.CheckpointFile f : RunFiles.listCheckpoints(root)) {
            if (f.epoch() <= Integer.MAX_VALUE && keep.test((int) f.epoch())) continue;
            try {
                Files.deleteIfExists(f.file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + f.file() + " (deleting it): " + AtomicFiles.reason(e), e);
            }
        }
    }

    /**
     * Saves the model state ({@code writeModelState} writes the file it is given) and then, atomically, the trainer
     * state that points to it; older model states are deleted afterwards.
     */
    public void saveState(int epoch, double seconds, Consumer<Path> writeModelState) {
        String name = String.format(Locale.ROOT, "model-%06d.state", epoch);
        AtomicFiles.createDirectories(stateDir());
        writeModelState.accept(stateDir().resolve(name));
        ObjectNode t = Json.object();
        t.put("epoch", epoch);
        t.put("seconds", seconds);
        t.put("model_state", name);
        Json.write(stateDir().resolve("trainer.json"), t);
        try (Stream<Path> files = Files.list(stateDir())) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("model-") && !n.equals(name)) AtomicFiles.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDir() + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** state/trainer.json: {"epoch", "seconds", "model_state"}; a user error when it is damaged. */
    public JsonNode trainerState() {
        return RunFiles.trainerState(root);
    }

    /** The model state file the trainer state points to (must exist). */
    public Path modelState() {
        Path p = stateDir().resolve(trainerState().path("model_state").asText());
        if (!Files.isRegularFile(p)) {
            throw new UserError("the saved state " + p + " is missing; the run cannot be resumed: analyse it as it is, or start a new run");
        }
        return p;
    }

    public RunManifest readManifest() {
        return RunFiles.readManifest(root);
    }

    public void writeManifest(RunManifest manifest) {
        Json.write(runJson(), manifest.toJson());
    }

    /** Releases the lock; an uncommitted staged run is deleted. */
    @Override
    public void close() {
        lock.close();
        if (staged != null) staged.close();
    }
}
