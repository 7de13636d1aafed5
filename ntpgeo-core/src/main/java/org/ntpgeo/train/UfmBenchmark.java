package org.ntpgeo.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.io.Json;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;

/**
 * Times the full-batch UFM step (3 dgemms + the softmax pass, see {@link UfmModel}) on random data of a given
 * size, and the dgemm peak of this machine (2000 x 2000 x 2000) in the same process, for {@code ntpgeo bench ufm}.
 * The flop count of one step is 6 V m d (the three V x m x d products); the softmax pass is not counted.
 */
public final class UfmBenchmark {
    private UfmBenchmark() {}

    /** Result of one size: median seconds per epoch over the timed repetitions. */
    public record Timing(int vocab, int contexts, int dim, int threads, int epochs, double secondsPerEpoch,
                         double minSecondsPerEpoch, double gflops) {
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("V", vocab);
            o.put("m", contexts);
            o.put("d", dim);
            o.put("threads", threads);
            o.put("epochs", epochs);
            o.put("seconds_per_epoch", secondsPerEpoch);
            o.put("min_seconds_per_epoch", minSecondsPerEpoch);
            o.put("gflops", gflops);
            return o;
        }
    }

    /** Random NTP data: each context has 1..maxSupport next tokens with counts 1..5 (seeded). */
    public static NtpDataset randomDataset(int vocab, int contexts, int maxSupport, long seed) {
        return SyntheticDatasets.randomDataset(SyntheticDatasets.RandomSpec.of(vocab, contexts)
                .withSupportSize(1, Math.min(maxSupport, vocab)).withCounts(1, 5).withSeed(seed));
    }

    /** Median (and minimum) wall time of one full-batch gd epoch after {@code warmup} untimed epochs. */
    public static Timing time(int vocab, int contexts, int dim, int warmup, int epochs, int threads) {
        NtpDataset ds = randomDataset(vocab, contexts, 10, 1);
        TrainingOptions o = TrainingOptions.builder(UfmProvider.KIND).dim(dim).epochs(warmup + epochs).optimizer(OptimizerKind.GD)
                .seed(1).threads(threads).build();
        try (UfmModel model = new UfmModel(ds, o)) {
            for (int e = 0; e < warmup; e++) model.trainEpoch(e, 1e-3);
            double[] t = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                model.trainEpoch(warmup + e, 1e-3);
                t[e] = (System.nanoTime() - t0) / 1e9;
            }
            java.util.Arrays.sort(t);
            double median = t[epochs / 2];
            double flops = 6.0 * vocab * contexts * dim;
            return new Timing(vocab, contexts, dim, UfmModel.effectiveThreads(threads, vocab, contexts, dim), epochs, median, t[0],
                    flops / median / 1e9);
        }
    }

    /** GFLOP/s of one n x n x n dgemm (best of {@code reps}). */
    public static double dgemmPeak(int n, int reps, int threads) {
        NativeBlas.setThreads(threads);
        Random rng = new Random(3);
        Matrix a = Matrix.gaussian(n, n, 1, rng), b = Matrix.gaussian(n, n, 1, rng), c = new Matrix(n, n);
        Blas.gemm(false, false, 1, a, b, 0, c);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Blas.gemm(false, false, 1, a, b, 0, c);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * (double) n / best / 1e9;
    }
}
