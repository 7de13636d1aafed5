package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;

class UfmGradientTest {
    /** Naive objective CE(WH) + (lambda/2)(||W||^2 + ||H||^2), independent of the model's kernel. */
    private static double naiveObjective(NtpDataset ds, Matrix w, Matrix h, double lambda) {
        double nw = w.frobeniusNorm(), nh = h.frobeniusNorm();
        return TestDatasets.naiveCe(ds, Blas.multiply(w, h)) + lambda / 2 * (nw * nw + nh * nh);
    }

    private static void checkGradient(double lambda) {
        NtpDataset ds = TestDatasets.random(7, 9, 4, 11);
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(4, 1, "gd", 0.1, lambda, 0, 3))) {
            // larger entries so the softmax is far from uniform
            model.w().scaleInPlace(10);
            model.h().scaleInPlace(10);
            model.parametersChanged();
            Matrix gw = new Matrix(7, 4), gh = new Matrix(4, 9);
            double ce = model.objectiveAndGradient(gw, gh);
            assertEquals(TestDatasets.naiveCe(ds, Blas.multiply(model.w(), model.h())), ce, 1e-13);
            assertEquals(ce, model.loss(), 1e-15);
            double step = 1e-6;
            for (Matrix[] pair : new Matrix[][] {{model.w(), gw}, {model.h(), gh}}) {
                Matrix p = pair[0], g = pair[1];
                for (int k = 0; k < p.data.length; k++) {
                    double orig = p.data[k];
                    p.data[k] = orig + step;
                    double plus = naiveObjective(ds, model.w(), model.h(), lambda);
                    p.data[k] = orig - step;
                    double minus = naiveObjective(ds, model.w(), model.h(), lambda);
                    p.data[k] = orig;
                    double fd = (plus - minus) / (2 * step);
                    assertEquals(fd, g.data[k], 1e-7 * Math.max(1, Math.abs(fd)), "entry " + k);
                }
            }
            assertTrue(gw.frobeniusNorm() > 1e-3, "the check must not be vacuous");
        }
    }

    @Test
    void gradientMatchesCentralDifferencesWithoutWeightDecay() {
        checkGradient(0);
    }

    @Test
    void gradientMatchesCentralDifferencesWithWeightDecay() {
        checkGradient(0.3);
    }

    @Test
    void fullBatchGradientDescentWithSmallStepDecreasesTheLossMonotonically() {
        NtpDataset ds = TestDatasets.paperLike(5);
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(8, 1, "gd", 0.5, 0, 0, 1))) {
            double prev = model.loss();
            for (int e = 0; e < 300; e++) {
                model.trainEpoch(e, 0.5);
                double now = model.loss();
                assertTrue(now <= prev, "epoch " + e + ": " + now + " > " + prev);
                prev = now;
            }
            assertTrue(prev < TestDatasets.naiveCe(ds, new Matrix(30, 16)), "training made progress below log V");
        }
    }

    @Test
    void lastEpochLossIsTheFullBatchLossBeforeTheStep() {
        NtpDataset ds = TestDatasets.random(6, 5, 3, 2);
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(3, 1, "adam", 0.01, 0.01, 0, 9))) {
            double before = TestDatasets.naiveCe(ds, Blas.multiply(model.w(), model.h()));
            model.trainEpoch(0, 0.01);
            assertEquals(before, model.lastEpochLoss(), 1e-14);
        }
    }
}
