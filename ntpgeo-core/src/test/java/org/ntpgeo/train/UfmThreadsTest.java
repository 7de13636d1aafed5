package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;

class UfmThreadsTest {
    private static double[] train(NtpDataset ds, int threads) {
        TrainingOptions o = TrainingOptions.builder("ufm").dim(128).epochs(3).optimizer(OptimizerKind.ADAM).learningRate(0.01).weightDecay(1e-3).seed(4)
                .threads(threads).build();
        try (UfmModel model = new UfmModel(ds, o)) {
            for (int e = 0; e < 3; e++) model.trainEpoch(e, 0.01);
            double[] out = new double[model.w().data.length + 1];
            System.arraycopy(model.w().data, 0, out, 0, model.w().data.length);
            out[out.length - 1] = model.loss();
            return out;
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        NtpDataset ds = TestDatasets.random(200, 1400, 5, 12); // V m d = 35.8M >= PARALLEL_WORK: the parallel path runs
        assertEquals(2, UfmModel.effectiveThreads(2, 200, 1400, 128));
        assertEquals(1, UfmModel.effectiveThreads(2, 104, 404, 128));
        assertArrayEquals(train(ds, 1), train(ds, 2));
    }
}
