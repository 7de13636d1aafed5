package org.ntpgeo.geometry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Random;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.run.RunDirectory;
import org.ntpgeo.run.RunManifest;
import org.ntpgeo.run.RunStatus;

/**
 * Negative controls for the claims (docs/REPORTS.md "Controls"): run directories in the ntpgeo-run/1 format whose
 * geometry must NOT pass C4 (and, untrained, no claim at all). They are ordinary runs for {@code ntpgeo analyze}:
 * <ul>
 *   <li>{@link #writeIsotropic}: h_j = s (c + sigma n_j) with one common vector c, isotropic noise n_j and random W
 *   (no class structure; the raw within-class cosine is high only because of c);</li>
 *   <li>{@link #writeShuffledColumns}: a trained run with the columns of H permuted (seeded) across contexts and
 *   L = W H recomputed (the class structure of H is destroyed, its distribution kept);</li>
 *   <li>{@link #writeUntrained}: one checkpoint at epoch 0 with small random W and H.</li>
 * </ul>
 * They are written through {@link RunDirectory} (run.json as a {@link RunManifest}, an empty metrics.csv, checkpoints/),
 * staged and published at once.
 */
public final class ControlRuns {
    private ControlRuns() {}

    /** Checkpoints at epochs 0, 1, 10, 100, 1000 with growing scale s; {@code sigma} is the noise-to-common ratio. */
    public static void writeIsotropic(Path runDir, Path dataDir, NtpDataset ds, int dim, double sigma, long seed) {
        Random rng = new Random(seed);
        Matrix w = Matrix.gaussian(ds.vocabSize(), dim, 1, rng);
        Matrix c = Matrix.gaussian(dim, 1, 1, rng);
        Matrix noise = Matrix.gaussian(dim, ds.contextCount(), 1, rng);
        ObjectNode options = Json.object().put("model", "control-isotropic").put("dim", dim);
        try (RunDirectory run = start(runDir, dataDir, ds, options, "isotropic control: one common vector plus noise, random W")) {
            for (long epoch : new long[] {0, 1, 10, 100, 1000}) {
                double s = Math.log10(10 + epoch);
                Matrix h = new Matrix(dim, ds.contextCount());
                for (int j = 0; j < h.cols; j++) for (int i = 0; i < dim; i++) h.set(i, j, s * (c.data[i] + sigma * noise.get(i, j)));
                checkpoint(run, epoch, w, h);
            }
            run.commit();
        }
    }

    /** One checkpoint at epoch 0: W, H with entries N(0, scale^2); {@code options} (may be null) as in run.json. */
    public static void writeUntrained(Path runDir, Path dataDir, NtpDataset ds, int dim, double scale, ObjectNode options, long seed) {
        Random rng = new Random(seed);
        ObjectNode o = options == null ? Json.object().put("model", "control-untrained") : options.deepCopy();
        o.put("dim", dim);
        try (RunDirectory run = start(runDir, dataDir, ds, o, "untrained control: random W and H")) {
            checkpoint(run, 0, Matrix.gaussian(ds.vocabSize(), dim, scale, rng), Matrix.gaussian(dim, ds.contextCount(), scale, rng));
            run.commit();
        }
    }

    /**
     * Copies every checkpoint of {@code source} with the columns of H permuted by one seeded random permutation
     * (the same at every checkpoint) and L = W H. run.json keeps the source's options with the model renamed.
     */
    public static void writeShuffledColumns(Path source, Path runDir, long seed) {
        RunReader.TrainingRun src = RunReader.open(source, null);
        NtpDataset ds = DatasetFiles.read(src.dataDir());
        ObjectNode options = src.manifest().options();
        options.put("model", "control-shuffled-columns of " + src.model());
        int m = ds.contextCount();
        int[] perm = new int[m];
        for (int j = 0; j < m; j++) perm[j] = j;
        Random rng = new Random(seed);
        for (int i = m - 1; i > 0; i--) {
            int r = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[r];
            perm[r] = t;
        }
        try (RunDirectory run = start(runDir, src.dataDir(), ds, options, "shuffled control: the columns of H of " + source + " permuted")) {
            for (RunReader.CheckpointFile cf : src.checkpoints()) {
                RunReader.Checkpoint cp = RunReader.load(cf, ds.vocabSize(), m);
                if (cp.w() == null || cp.h() == null) throw new IllegalArgumentException("checkpoint " + cf.file() + " has no W and H");
                Matrix h = new Matrix(cp.h().rows, m);
                for (int j = 0; j < m; j++) System.arraycopy(cp.h().data, perm[j] * h.rows, h.data, j * h.rows, h.rows);
                checkpoint(run, cp.epoch(), cp.w(), h);
            }
            run.commit();
        }
    }

    private static RunDirectory start(Path runDir, Path dataDir, NtpDataset ds, ObjectNode options, String message) {
        RunDirectory run = RunDirectory.create(runDir);
        try {
            RunManifest manifest = RunManifest.create(run.target(), dataDir, DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)),
                    ds.vocabSize(), ds.contextCount(), ds.entropy(), Provenance.of("ntpgeo negative control"))
                    .options(options).status(RunStatus.COMPLETED, message);
            run.writeManifest(manifest);
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private static void checkpoint(RunDirectory run, long epoch, Matrix w, Matrix h) {
        run.writeCheckpoint(Math.toIntExact(epoch), w, h, Blas.multiply(w, h));
    }

    /** The options a run of {@code ntpgeo train --model ufm --optimizer OPT --weight-decay LAMBDA} records (for fakes). */
    public static ObjectNode ufmOptions(String optimizer, double weightDecay) {
        return Json.object().put("model", "ufm").put("optimizer", optimizer).put("weight_decay", weightDecay);
    }
}
