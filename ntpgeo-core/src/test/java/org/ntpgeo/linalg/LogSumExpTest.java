package org.ntpgeo.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSumExpTest {
    private static double naive(double[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.exp(x[off + i]);
        return Math.log(s);
    }

    @Test
    void equalsTheNaiveFormulaOnModerateValues() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(20);
            int off = rnd.nextInt(4);
            double[] x = new double[off + n + 3];
            for (int i = 0; i < x.length; i++) x[i] = 10 * rnd.nextGaussian();
            double expected = naive(x, off, n);
            assertEquals(expected, LogSumExp.of(x, off, n), 1e-12 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void closedFormsAndShiftInvarianceWhereTheNaiveFormulaOverflows() {
        assertEquals(Math.log(3), LogSumExp.of(new double[] {0, 0, 0}, 0, 3), 1e-15);
        assertEquals(5.0, LogSumExp.of(new double[] {5}, 0, 1), 0);
        double[] big = {1000, 1000, 999};
        assertTrue(Double.isInfinite(naive(big, 0, 3)));
        assertEquals(1000 + Math.log(2 + Math.exp(-1)), LogSumExp.of(big, 0, 3), 1e-12);
        double[] small = {-1000, -1000};
        assertEquals(-1000 + Math.log(2), LogSumExp.of(small, 0, 2), 1e-12);
        assertEquals(Math.log(2), LogSumExp.of(new double[] {0, Double.NEGATIVE_INFINITY, 0}, 0, 3), 1e-15);
    }
}
