package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

class NtpObjectiveTest {
    @Test
    void lossAndGradientAgreeWithTheNaiveFormulasAndDoNotDependOnThreadsOrStorage() {
        NtpDataset ds = TestDatasets.random(50, 300, 6, 4); // 300 columns = 5 chunks, so the parallel path runs
        Matrix l = Matrix.gaussian(50, 300, 5, new Random(8));
        double[] g1 = new double[l.data.length], g2 = new double[l.data.length];
        double loss1, loss2, loss3;
        try (NtpObjective one = new NtpObjective(ds, 1); NtpObjective two = new NtpObjective(ds, 2)) {
            loss1 = one.evaluate(l.data, 300, null, g1, 1.0);
            loss2 = two.evaluate(l.data, 300, null, g2, 1.0);
            DoubleBuffer lb = ByteBuffer.allocateDirect(8 * l.data.length).order(ByteOrder.nativeOrder()).asDoubleBuffer().put(l.data);
            DoubleBuffer gb = ByteBuffer.allocateDirect(8 * l.data.length).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            loss3 = two.evaluate(lb, 300, null, gb, 1.0);
            double[] g3 = new double[l.data.length];
            gb.get(0, g3);
            assertArrayEquals(g1, g3, "buffer and array kernels are the same arithmetic");
        }
        assertEquals(loss1, loss2, 0, "bit-identical with 1 and 2 threads");
        assertEquals(loss1, loss3, 0);
        assertArrayEquals(g1, g2);
        assertEquals(TestDatasets.naiveCe(ds, l), loss1, 1e-12);
        Matrix p = ds.probabilityMatrix();
        for (int j = 0; j < 300; j += 37) {
            double z = 0, colSum = 0;
            for (int i = 0; i < 50; i++) z += Math.exp(l.get(i, j));
            for (int i = 0; i < 50; i++) {
                double expect = ds.pi(j) * (Math.exp(l.get(i, j)) / z - p.get(i, j));
                assertEquals(expect, g1[i + 50 * j], 1e-15);
                colSum += g1[i + 50 * j];
            }
            assertEquals(0, colSum, 1e-16, "gradient columns sum to zero");
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        NtpDataset ds = TestDatasets.random(5, 3, 2, 1);
        Matrix l = Matrix.gaussian(5, 3, 1e4, new Random(2));
        try (NtpObjective o = new NtpObjective(ds, 1)) {
            double[] g = new double[15];
            double loss = o.evaluate(l.data, 3, null, g, 1.0);
            assertTrue(Double.isFinite(loss) && loss >= 0);
            for (double v : g) assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void miniBatchTrainingAlsoFitsTheSoftLabels() {
        NtpDataset ds = TestDatasets.paperLike(9);
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(32, 1, "adam", 0.02, 0, 5, 1))) {
            for (int e = 0; e < 1500; e++) model.trainEpoch(e, 0.02);
            double gap = model.loss() - ds.entropy();
            assertTrue(gap > 0 && gap < 1e-2, "CE - H = " + gap);
        }
    }
}
