package org.ntpgeo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticClasses;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.run.RunFiles;
import org.ntpgeo.run.RunManifest;
import org.ntpgeo.run.RunStatus;

/**
 * A benchmark fixture for {@code ntpgeo bench analyze}: a random dataset (supports of size 1-4 in contexts / 4
 * support classes) and a run directory in the ntpgeo-run/1 format whose checkpoints
 * hold random factors W, H of growing scale and L = W H. The geometry of these checkpoints is meaningless; they
 * only have the shapes and sizes of real runs, to time the analysis and bound its memory.
 */
public final class SyntheticRun {
    private SyntheticRun() {}

    /** A random dataset whose supports (1-4 tokens, counts 1-4) fall into contexts / 4 classes (see {@link SyntheticClasses}). */
    public static NtpDataset dataset(int vocab, int contexts, long seed) {
        return SyntheticClasses.generate(vocab, contexts, Math.max(1, contexts / 4), new SyntheticDatasets.Range(1, Math.min(4, vocab)),
                new SyntheticDatasets.Range(1, 4), 0, seed).dataset();
    }

    /** Write {@code dataDir} and {@code runDir} with {@code checkpoints} checkpoints of dimension {@code dim}. */
    public static void write(Path dataDir, Path runDir, NtpDataset ds, int dim, int checkpoints, long seed) {
        try {
            Files.createDirectories(dataDir);
            DatasetFiles.write(dataDir, ds, null);
            Files.createDirectories(runDir.resolve(RunFiles.CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunManifest manifest = RunManifest.create(runDir, dataDir, DatasetFiles.sha256(dataDir.resolve(DatasetFiles.NPZ)),
                ds.vocabSize(), ds.contextCount(), ds.entropy(), Provenance.of("ntpgeo bench analyze"))
                .options(Json.object().put("model", "synthetic-benchmark").put("dim", dim))
                .status(RunStatus.COMPLETED, "random factors of growing scale (a benchmark fixture)");
        Json.write(runDir.resolve(RunFiles.RUN_JSON), manifest.toJson());
        Random rng = new Random(seed);
        Matrix w0 = Matrix.gaussian(ds.vocabSize(), dim, 1.0 / Math.sqrt(dim), rng);
        Matrix h0 = Matrix.gaussian(dim, ds.contextCount(), 1.0 / Math.sqrt(dim), rng);
        for (int c = 0; c < checkpoints; c++) {
            long epoch = Math.round(Math.pow(10, 4.0 * c / Math.max(1, checkpoints - 1)));
            double scale = Math.log1p(epoch);
            Matrix w = w0.times(scale), h = h0.times(scale);
            Matrix l = Blas.multiply(w, h);
            RunFiles.writeCheckpoint(runDir.resolve(RunFiles.CHECKPOINTS).resolve(RunFiles.checkpointName(epoch)), epoch, w, h, l);
            w0.addInPlace(0.05, Matrix.gaussian(w0.rows, w0.cols, 1.0 / Math.sqrt(dim), rng));
        }
    }
}
