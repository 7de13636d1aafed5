package org.ntpgeo.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.common.ResourceLimitException;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.io.Npz;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.CrossEntropy;

/**
 * Makes a run directory out of embeddings from any framework, so that {@code analyze} and {@code report compare}
 * treat it like a trained run. Each checkpoint is a pair: the word embeddings W (V x d, the unembedding matrix of an
 * output layer without bias) and the context embeddings H (d x m, the last-layer states of the dataset's contexts in
 * the dataset's order), as two .npy files or as one .npz with arrays {@code W}, {@code H} and optionally
 * {@code epoch}; any numeric dtype, C or Fortran order. The run gets metrics.csv (loss = CE(W H), norms; seconds 0)
 * and checkpoints/epoch-NNNNNN.npz exactly as a trained run, status completed, and no saved state (it cannot be
 * resumed). Checkpoints are loaded one at a time; the run directory is staged and appears complete or not at all.
 * The contract is docs/IMPORT.md.
 */
public final class RunImport {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)(?!.*\\d)");

    private RunImport() {}

    /** One checkpoint to import: where W and H are (the same .npz for both, or two .npy files) and its epoch. */
    public record Source(long epoch, Path w, Path h) {
        /** A single .npz holding W and H. */
        public static Source npz(long epoch, Path file) {
            return new Source(epoch, file, file);
        }

        boolean packed() {
            return w.equals(h);
        }

        String origin() {
            return packed() ? w.toString() : w + " and " + h;
        }
    }

    /**
     * The .npz files of a directory (or the one .npz given), ordered by epoch: the {@code epoch} array of each file
     * when it has one, else the last number in its name, else its position in name order.
     */
    public static List<Source> fromNpz(Path dirOrFile) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(dirOrFile)) {
            files.add(dirOrFile);
        } else if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> s = Files.list(dirOrFile)) {
                s.filter(p -> p.getFileName().toString().endsWith(".npz") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dirOrFile + ": " + AtomicFiles.reason(e), e);
            }
            if (files.isEmpty()) throw new UserError("no .npz files in " + dirOrFile);
        } else {
            throw new UserError("no such file or directory: " + dirOrFile);
        }
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            NdArray e = read(f).get("epoch");
            long epoch;
            if (e != null) {
                epoch = scalar(e, f);
            } else {
                Matcher m = DIGITS.matcher(f.getFileName().toString());
                epoch = m.find() ? Long.parseLong(m.group(1)) : i;
            }
            out.add(Source.npz(epoch, f));
        }
        out.sort(Comparator.comparingLong(Source::epoch));
        return out;
    }

    private static long scalar(NdArray e, Path f) {
        try {
            return e.longScalar();
        } catch (IllegalStateException ex) {
            throw new UserError(f + ": 'epoch' must be one integer (" + ex.getMessage() + ")");
        }
    }

    /**
     * Writes the run into {@code out} (which must not exist) from the dataset in {@code dataDir}.
     *
     * @param model the model name recorded in the run's options (shown in reports), e.g. "gpt2-small"
     */
    public static Path write(Path dataDir, List<Source> sources, String model, Path out) {
        if (sources.isEmpty()) throw new UserError("nothing to import: give at least one pair of W and H");
        Set<Long> epochs = new HashSet<>();
        for (Source s : sources) {
            if (s.epoch() < 0) throw new UserError(s.origin() + ": epoch " + s.epoch() + " is negative");
            if (!epochs.add(s.epoch())) throw new UserError("epoch " + s.epoch() + " is given twice (" + s.origin() + ")");
        }
        NtpDataset ds = DatasetFiles.read(dataDir);
        Path target = out.toAbsolutePath().normalize();
        List<Source> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparingLong(Source::epoch));
        try (RunDirectory run = RunDirectory.create(target)) {
            Provenance prov = Provenance.of("ntpgeo run import");
            RunManifest manifest = RunManifest.create(target, dataDir, DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)),
                    ds.vocabSize(), ds.contextCount(), ds.entropy(), prov);
            ArrayNode from = Json.mapper().createArrayNode();
            int dim = -1;
            double entropy = ds.entropy();
            for (Source s : sorted) {
                Matrix[] wh = load(s);
                Matrix w = wh[0], h = wh[1];
                check(s, w, h, ds, dim);
                if (dim < 0) {
                    dim = w.cols;
                    preflight(ds, dim);
                }
                Matrix l = Blas.multiply(w, h);
                double loss = CrossEntropy.value(ds, l);
                if (!Double.isFinite(loss)) throw new UserError(s.origin() + ": the loss CE(W H) is not finite");
                double nw = w.frobeniusNorm(), nh = h.frobeniusNorm(), nl = l.frobeniusNorm();
                run.writeCheckpoint(s.epoch(), w, h, l);
                run.appendMetrics(List.of(s.epoch(), loss, loss - entropy, nw, nh, nl, 0.0));
                manifest.last(new RunManifest.FinalEpoch(s.epoch(), loss, loss - entropy, nw, nh, nl, 0.0,
                        RunFiles.CHECKPOINTS + "/" + RunFiles.checkpointName(s.epoch())));
                var o = from.addObject().put("epoch", s.epoch());
                o.put("W", s.w().toAbsolutePath().toString()).put("W_sha256", DatasetFiles.sha256(s.w()));
                if (!s.packed()) o.put("H", s.h().toAbsolutePath().toString()).put("H_sha256", DatasetFiles.sha256(s.h()));
            }
            manifest.options(Json.object().put("model", model).put("dim", dim)).provenance("imported_from", from);
            manifest.status(RunStatus.COMPLETED, String.format(Locale.ROOT, "imported %d checkpoint(s)", sorted.size()));
            run.writeManifest(manifest);
            run.commit();
        }
        return target;
    }

    /** W and H of one source (any numeric dtype and order). */
    static Matrix[] load(Source s) {
        try {
            if (s.packed()) {
                Map<String, NdArray> a = read(s.w());
                for (String k : new String[] {"W", "H"}) {
                    if (!a.containsKey(k)) throw new UserError(s.w() + " has no array '" + k + "' (it has " + String.join(", ", a.keySet()) + ")");
                }
                return new Matrix[] {matrix(a.get("W"), s.w(), "W"), matrix(a.get("H"), s.w(), "H")};
            }
            return new Matrix[] {matrix(readNpy(s.w()), s.w(), "W"), matrix(readNpy(s.h()), s.h(), "H")};
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserError("cannot read " + s.origin() + ": " + e.getMessage());
        }
    }

    private static Map<String, NdArray> read(Path npz) {
        if (!Files.isRegularFile(npz)) throw new UserError("no such file: " + npz);
        try {
            return Npz.read(npz);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError("cannot read " + npz + " as .npz: " + e.getMessage());
        }
    }

    private static NdArray readNpy(Path npy) {
        if (!Files.isRegularFile(npy)) throw new UserError("no such file: " + npy);
        try {
            return Npy.read(npy);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError("cannot read " + npy + " as .npy: " + e.getMessage());
        }
    }

    private static Matrix matrix(NdArray a, Path file, String name) {
        if (a.ndim() != 2) {
            throw new UserError(file + ": " + name + " must be a 2-d array, got shape " + java.util.Arrays.toString(a.shape()));
        }
        return RunFiles.matrix(a);
    }

    /** Shapes against the dataset (V, m), against each other and against the first checkpoint's d. */
    static void check(Source s, Matrix w, Matrix h, NtpDataset ds, int dim) {
        if (w.rows != ds.vocabSize()) {
            throw new UserError(s.origin() + ": W is " + w.rows + " x " + w.cols + " but the dataset has V = " + ds.vocabSize()
                    + " words; W must be V x d" + (w.cols == ds.vocabSize() ? " (transposed? save W.T)" : ""));
        }
        if (h.cols != ds.contextCount()) {
            throw new UserError(s.origin() + ": H is " + h.rows + " x " + h.cols + " but the dataset has m = " + ds.contextCount()
                    + " contexts; H must be d x m" + (h.rows == ds.contextCount() ? " (transposed? save H.T)" : ""));
        }
        if (h.rows != w.cols) {
            throw new UserError(s.origin() + ": W is " + w.rows + " x " + w.cols + " but H is " + h.rows + " x " + h.cols
                    + "; the embedding dimensions d must agree");
        }
        if (dim >= 0 && w.cols != dim) throw new UserError(s.origin() + ": d = " + w.cols + ", but the first checkpoint has d = " + dim);
        if (!w.isFinite() || !h.isFinite()) throw new UserError(s.origin() + ": W or H has NaN or infinite entries");
    }

    /** What one checkpoint costs beside its inputs (L = W H and its bytes), checked against the heap. */
    static void preflight(NtpDataset ds, int dim) {
        long v = ds.vocabSize(), m = ds.contextCount();
        long lBytes = Preflight.multiply("the bytes of L = W H", 8, v, m);
        if (lBytes > Preflight.MAX_ARRAY_LENGTH) {
            throw new ResourceLimitException("a checkpoint's L = W H (V x m = " + v + " x " + m + ") takes " + Preflight.bytes(lBytes)
                    + ", above the 2 GiB one .npz entry holds; import onto a smaller dataset");
        }
        Preflight.estimate("run import", "a smaller dataset").doubles("L = W H", v, m).heap("checkpoint bytes", lBytes)
                .heap("W and H", Preflight.multiply("W and H", 16, v + m, dim)).check();
    }
}
