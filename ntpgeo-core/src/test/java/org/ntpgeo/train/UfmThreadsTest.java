package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.FixedBlockGemm;

/**
 * The UFM's promise (docs/TRAINING.md): results do not depend on the thread count, bit for bit, on every CPU and
 * OpenBLAS kernel (bench/kernel-matrix.sh runs this test under several kernels).
 */
class UfmThreadsTest {
    // V m d = 34.4M >= PARALLEL_WORK, so the parallel path runs; m > INNER_BLOCK, so grad W = G H^T is summed from
    // partial products over pieces of the contexts; L = W H and grad H = W^T G are split into column blocks
    private static final int V = 64;
    private static final int M = 4200;
    private static final int D = 128;

    private static double[] train(NtpDataset ds, int threads, int batch) {
        TrainingOptions o = options(3, threads).toBuilder().batch(batch).build();
        try (UfmModel model = new UfmModel(ds, o)) {
            for (int e = 0; e < 3; e++) model.trainEpoch(e, 0.01);
            int nw = model.w().data.length, nh = model.h().data.length;
            double[] out = new double[nw + nh + 2];
            System.arraycopy(model.w().data, 0, out, 0, nw);
            System.arraycopy(model.h().data, 0, out, nw, nh);
            out[nw + nh] = model.loss();
            out[nw + nh + 1] = model.lastEpochLoss();
            return out;
        }
    }

    @Test
    void theTestReachesTheParallelPathAndBothSplits() {
        assertEquals(2, UfmModel.effectiveThreads(2, V, M, D));
        assertEquals(1, UfmModel.effectiveThreads(2, 104, 404, 128));
        assertTrue(M > FixedBlockGemm.INNER_BLOCK && M > FixedBlockGemm.COLUMN_BLOCK);
    }

    @Test
    void fullBatchResultsDoNotDependOnTheThreadCount() {
        NtpDataset ds = TestDatasets.random(V, M, 5, 12);
        double[] one = train(ds, 1, 0);
        assertArrayEquals(one, train(ds, 2, 0));
        assertArrayEquals(one, train(ds, 3, 0));
    }

    @Test
    void miniBatchResultsDoNotDependOnTheThreadCount() {
        NtpDataset ds = TestDatasets.random(V, M, 5, 12);
        double[] one = train(ds, 1, 2100); // two batches of 2100 > INNER_BLOCK contexts per epoch
        assertArrayEquals(one, train(ds, 2, 2100));
        assertArrayEquals(one, train(ds, 3, 2100));
    }

    /**
     * `train --resume` with another --threads stays on the uninterrupted run's path: 6 epochs with 1 thread, resumed
     * to 12 with 2 threads, gives the metrics (without the seconds column) and the W, H, L of a 12-epoch run with
     * 3 threads, bit for bit.
     */
    @Test
    void resumeWithAnotherThreadCountEqualsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path data = TestDatasets.write(Files.createDirectories(tmp.resolve("data")), TestDatasets.random(V, M, 5, 12));
        Trainer quiet = new Trainer();
        quiet.train(data, options(6, 1), tmp.resolve("resumed"));
        assertTrue(quiet.resume(tmp.resolve("resumed"), TrainingOptions.builder().epochs(12).threads(2), null).completed());
        quiet.train(data, options(12, 3), tmp.resolve("whole"));
        assertEquals(metricsWithoutSeconds(tmp.resolve("whole")), metricsWithoutSeconds(tmp.resolve("resumed")));
        Map<String, NdArray> a = Npz.read(tmp.resolve("resumed/checkpoints/epoch-000012.npz"));
        Map<String, NdArray> b = Npz.read(tmp.resolve("whole/checkpoints/epoch-000012.npz"));
        for (String k : List.of("W", "H", "L")) assertArrayEquals(b.get(k).asColumnMajor(), a.get(k).asColumnMajor(), k);
        // run.json keeps the history of the thread count and says the numbers are unaffected
        var change = org.ntpgeo.io.Json.read(tmp.resolve("resumed/run.json")).get("provenance").get("thread_changes").get(0);
        assertEquals(6, change.get("at_epoch").asInt());
        assertEquals(1, change.get("from").asInt());
        assertEquals(2, change.get("to").asInt());
        assertTrue(change.get("bit_identical_to_uninterrupted").asBoolean());
    }

    private static TrainingOptions options(int epochs, int threads) {
        return TrainingOptions.builder("ufm").dim(D).epochs(epochs).optimizer(OptimizerKind.ADAM).learningRate(0.01)
                .weightDecay(1e-3).seed(4).threads(threads).build();
    }

    private static List<String> metricsWithoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
