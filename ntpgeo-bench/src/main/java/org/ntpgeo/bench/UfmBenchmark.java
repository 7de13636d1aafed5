package org.ntpgeo.bench;

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
import org.ntpgeo.linalg.BlasThreads;
import org.ntpgeo.linalg.BlockPool;
import org.ntpgeo.linalg.FixedBlockGemm;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeMatrix;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;
import org.ntpgeo.train.UfmModel;
import org.ntpgeo.train.UfmProvider;

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
            ObjectNode o = sizeJson(vocab, contexts, dim, threads);
            o.put("epochs", epochs);
            o.put("seconds_per_epoch", secondsPerEpoch);
            o.put("min_seconds_per_epoch", minSecondsPerEpoch);
            o.put("gflops", gflops);
            return o;
        }
    }

    private static ObjectNode sizeJson(int vocab, int contexts, int dim, int threads) {
        ObjectNode o = Json.object();
        o.put("V", vocab);
        o.put("m", contexts);
        o.put("d", dim);
        o.put("threads", threads);
        return o;
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

    /**
     * GFLOP/s of one n x n x n dgemm (best of {@code reps}) with OpenBLAS's own {@code threads} threads, on native
     * memory as training uses it (Java arrays would add a JNI copy of all three matrices to every call).
     */
    public static double dgemmPeak(int n, int reps, int threads) {
        try (BlasThreads scope = BlasThreads.use(threads);
             NativeMatrix a = new NativeMatrix(n, n); NativeMatrix b = new NativeMatrix(n, n); NativeMatrix c = new NativeMatrix(n, n)) {
            Random rng = new Random(3);
            for (int i = 0; i < n * n; i++) {
                a.buffer().put(i, rng.nextGaussian());
                b.buffer().put(i, rng.nextGaussian());
            }
            NativeMatrix.gemm(false, false, 1, a, b, 0, c);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                NativeMatrix.gemm(false, false, 1, a, b, 0, c);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * n * n * (double) n / best / 1e9;
        }
    }

    /**
     * The three products of a full-batch UFM step (L = W H, G H^T, W^T G) timed two ways in alternation, median
     * seconds over {@code reps}: as {@link FixedBlockGemm} on a pool of {@code threads} (what training runs; results
     * independent of the thread count) and, the baseline, as one OpenBLAS call per product with OpenBLAS's own
     * {@code threads} threads (the previous implementation; its rounding depends on the thread count).
     */
    public record ProductTiming(int vocab, int contexts, int dim, int threads, int reps, double fixedBlockSeconds,
                                double openBlasSeconds) {
        /** fixed-block time / one-call time (> 1: the fixed partition is slower). */
        public double ratio() {
            return fixedBlockSeconds / openBlasSeconds;
        }

        public ObjectNode toJson() {
            ObjectNode o = sizeJson(vocab, contexts, dim, threads);
            o.put("reps", reps);
            o.put("fixed_block_seconds", fixedBlockSeconds);
            o.put("openblas_threads_seconds", openBlasSeconds);
            o.put("ratio", ratio());
            return o;
        }
    }

    /** See {@link ProductTiming}; one warm-up of each before the timed repetitions. */
    public static ProductTiming compareProducts(int vocab, int contexts, int dim, int threads, int reps) {
        Random rng = new Random(5);
        try (NativeMatrix w = new NativeMatrix(vocab, dim); NativeMatrix h = new NativeMatrix(dim, contexts);
             NativeMatrix l = new NativeMatrix(vocab, contexts); NativeMatrix g = new NativeMatrix(vocab, contexts);
             NativeMatrix gw = new NativeMatrix(vocab, dim); NativeMatrix gh = new NativeMatrix(dim, contexts);
             BlockPool pool = new BlockPool(threads)) {
            w.copyFrom(Matrix.gaussian(vocab, dim, 0.1, rng));
            h.copyFrom(Matrix.gaussian(dim, contexts, 0.1, rng));
            g.copyFrom(Matrix.gaussian(vocab, contexts, 0.01, rng));
            double[] fixed = new double[reps];
            double[] single = new double[reps];
            for (int r = -1; r < reps; r++) {
                try (BlasThreads scope = BlasThreads.use(threads)) {
                    long t0 = System.nanoTime();
                    NativeMatrix.gemm(false, false, 1, w, h, 0, l);
                    NativeMatrix.gemm(false, true, 1, g, h, 0, gw);
                    NativeMatrix.gemm(true, false, 1, w, g, 0, gh);
                    if (r >= 0) single[r] = (System.nanoTime() - t0) / 1e9;
                }
                try (FixedBlockGemm gemm = new FixedBlockGemm(pool)) {
                    long t0 = System.nanoTime();
                    gemm.gemm(false, false, 1, w, h, 0, l);
                    gemm.gemm(false, true, 1, g, h, 0, gw);
                    gemm.gemm(true, false, 1, w, g, 0, gh);
                    if (r >= 0) fixed[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            java.util.Arrays.sort(fixed);
            java.util.Arrays.sort(single);
            return new ProductTiming(vocab, contexts, dim, threads, reps, fixed[reps / 2], single[reps / 2]);
        }
    }
}
