package org.ntpgeo.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/** Small datasets built in the tests, and a naive reference implementation of the NTP objective. */
final class TestDatasets {
    private TestDatasets() {}

    /**
     * Like the paper's synthetic set: m = 16 contexts, V = 30, every support of size 3 drawn from one of ten
     * overlapping word groups {3g, ..., 3g+5} (mod 30), counts uniform in {1..4}.
     */
    static NtpDataset paperLike(long seed) {
        Random rng = new Random(seed);
        int vocab = 30, m = 16;
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            int g = j % 10;
            List<Integer> group = new ArrayList<>();
            for (int i = 0; i < 6; i++) group.add((3 * g + i) % vocab);
            java.util.Collections.shuffle(group, rng);
            Map<Integer, Long> c = new HashMap<>();
            for (int i = 0; i < 3; i++) c.put(group.get(i), 1L + rng.nextInt(4));
            cols.add(c);
        }
        return NtpDataset.fromColumns(vocab, cols, null);
    }

    /** Random supports of random sizes 1..maxSupport over V tokens, counts 1..5. */
    static NtpDataset random(int vocab, int m, int maxSupport, long seed) {
        Random rng = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            int k = 1 + rng.nextInt(maxSupport);
            Map<Integer, Long> c = new HashMap<>();
            while (c.size() < k) c.put(rng.nextInt(vocab), 1L + rng.nextInt(5));
            cols.add(c);
        }
        return NtpDataset.fromColumns(vocab, cols, null);
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
