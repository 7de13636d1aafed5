package org.ntpgeo.train;

import java.nio.file.Path;
import java.util.Random;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.linalg.Matrix;

/** Small datasets built in the tests, and a naive reference implementation of the NTP objective. */
final class TestDatasets {
    private TestDatasets() {}

    /** The paper's synthetic set (V = 30, m = 16, supports of 3 words from overlapping groups, counts 1..4). */
    static NtpDataset paperLike(long seed) {
        return SyntheticDatasets.paper(seed).dataset();
    }

    /** Random supports of sizes 1..maxSupport over V tokens, counts 1..5 (the library generator). */
    static NtpDataset random(int vocab, int m, int maxSupport, long seed) {
        return SyntheticDatasets.randomDataset(SyntheticDatasets.RandomSpec.of(vocab, m).withSupportSize(1, maxSupport).withCounts(1, 5).withSeed(seed));
    }

    static Path write(Path dir, NtpDataset ds) {
        DatasetFiles.write(dir, ds, null);
        return dir;
    }

    /** Naive CE(L) = -sum_j pi_j sum_z p_j[z] log softmax(l_j)[z], straight from theory.md. */
    static double naiveCe(NtpDataset ds, Matrix l) {
        Matrix p = ds.probabilityMatrix();
        double total = 0;
        for (int j = 0; j < l.cols; j++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < l.rows; i++) mx = Math.max(mx, l.get(i, j));
            double s = 0;
            for (int i = 0; i < l.rows; i++) s += Math.exp(l.get(i, j) - mx);
            double logZ = mx + Math.log(s);
            double ce = 0;
            for (int i = 0; i < l.rows; i++) if (p.get(i, j) > 0) ce -= p.get(i, j) * (l.get(i, j) - logZ);
            total += ds.pi(j) * ce;
        }
        return total;
    }

    static TrainingOptions ufm(int dim, int epochs, String optimizer, double lr, double weightDecay, int batch, long seed) {
        return TrainingOptions.builder("ufm").dim(dim).epochs(epochs).optimizer(OptimizerKind.parse(optimizer)).learningRate(lr)
                .weightDecay(weightDecay).batch(batch).seed(seed).threads(1).build();
    }
}
