package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

class MatrixMetricsTest {
    @Test
    void directionGapOfAMatrixWithItselfAndItsMultiplesIsExactlyZero() {
        Matrix a = Matrix.gaussian(7, 11, 1.0, new Random(1));
        assertEquals(0.0, MatrixMetrics.directionGap(a, a));
        assertEquals(0.0, MatrixMetrics.directionGap(a, a.times(4)));
        assertEquals(2.0, MatrixMetrics.directionGap(a, a.times(-1)), 1e-12);
        Matrix b = a.plus(1, a.times(0));
        assertEquals(0.0, MatrixMetrics.directionGap(a, null, b));
    }

    @Test
    void directionGapByHand() {
        Matrix a = Matrix.fromRows(new double[][] {{1, 0}, {0, 0}});
        Matrix b = Matrix.fromRows(new double[][] {{0, 0}, {0, 3}});
        assertEquals(Math.sqrt(2), MatrixMetrics.directionGap(a, b), 1e-15);
        // (A - A0) with A0 removing the first entry: direction of [[0, 2], [0, 0]] vs b: orthogonal again
        Matrix a2 = Matrix.fromRows(new double[][] {{1, 2}, {0, 0}});
        assertEquals(Math.sqrt(2), MatrixMetrics.directionGap(a2, a, b), 1e-15);
        // a zero matrix has no direction
        assertTrue(Double.isNaN(MatrixMetrics.directionGap(new Matrix(2, 2), b)));
    }

    @Test
    void crossEntropyByHandAndStableForHugeLogits() {
        // V = 2, one context with p = (3/4, 1/4): CE(L) = -(3/4 log sigma(a - b) + 1/4 log sigma(b - a))
        java.util.List<java.util.Map<Integer, Long>> cols = java.util.List.of(java.util.Map.of(0, 3L, 1, 1L));
        NtpDataset ds = NtpDataset.fromColumns(2, cols, null);
        Matrix l = Matrix.fromRows(new double[][] {{0.7}, {-0.4}});
        double x = 1.1;
        double expected = -(0.75 * Math.log(1 / (1 + Math.exp(-x))) + 0.25 * Math.log(1 / (1 + Math.exp(x))));
        assertEquals(expected, MatrixMetrics.crossEntropy(ds, l), 1e-14);
        assertEquals(Math.log(2), MatrixMetrics.crossEntropy(ds, new Matrix(2, 1)), 1e-15);
        Matrix huge = Matrix.fromRows(new double[][] {{1e6}, {-1e6}});
        double ce = MatrixMetrics.crossEntropy(ds, huge);
        assertEquals(0.25 * 2e6, ce, 1e-6);
    }

    @Test
    void structuralSimilarityMatchesTheDefinition() {
        Matrix x = Matrix.gaussian(5, 5, 1.0, new Random(3));
        assertEquals(1.0, MatrixMetrics.structuralSimilarity(x, x), 1e-14);
        Matrix y = x.times(3).map(v -> v + 2); // affine with positive slope: correlation 1, c is negligible only when scaled
        double n = 25, mx = 0;
        for (double v : x.data) mx += v / n;
        double var = 0;
        for (double v : x.data) var += (v - mx) * (v - mx) / n;
        assertEquals((3 * var + 1e-5) / (Math.sqrt(var) * 3 * Math.sqrt(var) + 1e-5), MatrixMetrics.structuralSimilarity(x, y), 1e-14);
        assertEquals((-var + 1e-5) / (var + 1e-5), MatrixMetrics.structuralSimilarity(x, x.times(-1)), 1e-14);
    }

    @Test
    void cosinesOfRowsAndColumns() {
        Matrix a = Matrix.fromRows(new double[][] {{1, 0}, {1, 1}, {0, 2}});
        Matrix rc = MatrixMetrics.rowCosines(a);
        assertEquals(1 / Math.sqrt(2), rc.get(0, 1), 1e-15);
        assertEquals(0.0, rc.get(0, 2), 1e-15);
        assertEquals(1.0, rc.get(2, 2), 1e-15);
        Matrix cc = MatrixMetrics.columnCosines(a, new int[] {1, 0});
        assertEquals(1 / Math.sqrt(10), cc.get(0, 1), 1e-15); // columns (1,1,0) and (0,1,2)
    }

    @Test
    void gramGapDirectAndByTracesAgreeAndVanishForBalancedFactors() {
        Random rng = new Random(5);
        Matrix l = Matrix.gaussian(9, 40, 1.0, rng);
        TheoryReference.Spectral sp = TheoryReference.Spectral.of(l, 4);
        Matrix h = Matrix.gaussian(6, 40, 1.0, rng);
        double direct = GramGap.direct(h, sp.v(), sp.s());
        double traces = GramGap.byTraces(h, sp.v(), sp.s());
        assertEquals(direct, traces, 1e-10);
        assertTrue(direct > 0.1);
        // H = Sigma^{1/2} V^T: H^T H = V Sigma V^T exactly (up to rounding)
        Matrix hb = new Matrix(4, 40);
        for (int t = 0; t < 4; t++) for (int j = 0; j < 40; j++) hb.set(t, j, Math.sqrt(sp.s()[t]) * sp.v().get(j, t));
        assertEquals(0.0, GramGap.direct(hb, sp.v(), sp.s()), 1e-13);
        assertEquals(0.0, GramGap.byTraces(hb, sp.v(), sp.s()), 1e-7);
        // naive check of the direct value: form both matrices by loops
        Matrix g = Fixtures.mul(h.transpose(), h), p = new Matrix(40, 40);
        for (int i = 0; i < 40; i++) for (int j = 0; j < 40; j++) {
            double s = 0;
            for (int t = 0; t < 4; t++) s += sp.v().get(i, t) * sp.s()[t] * sp.v().get(j, t);
            p.set(i, j, s);
        }
        double gn = g.frobeniusNorm(), pn = p.frobeniusNorm(), d2 = 0;
        for (int k = 0; k < g.data.length; k++) d2 += Math.pow(g.data[k] / gn - p.data[k] / pn, 2);
        assertEquals(Math.sqrt(d2), direct, 1e-12);
    }
}
