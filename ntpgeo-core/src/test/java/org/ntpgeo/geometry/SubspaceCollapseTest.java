package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.linalg.Matrix;

class SubspaceCollapseTest {
    @Test
    void classStatisticsByHand() {
        // class 0: (1,0), (1,1) -> cos 1/sqrt2; class 1: (0,1), (0,2) -> cos 1; class 2: a single vector
        Matrix y = Matrix.fromRows(new double[][] {{1, 1, 0, 0, 5}, {0, 1, 1, 2, 5}});
        int[] cls = {0, 0, 1, 1, 2};
        SubspaceCollapse.ClassStats s = SubspaceCollapse.stats(y, cls, 3);
        assertEquals((1 / Math.sqrt(2) + 1) / 2, s.withinCosine(), 1e-15);
        // means: c0 (1, .5), c1 (0, 1.5), c2 (5, 5); global mean (7/5, 9/5)
        double within = (0.25 + 0.25 + 0.25 + 0.25 + 0) / 5;
        double[][] mu = {{1, .5}, {0, 1.5}, {5, 5}};
        double between = 0;
        for (double[] c : mu) between += Math.pow(c[0] - 1.4, 2) + Math.pow(c[1] - 1.8, 2);
        between /= 3;
        assertEquals(within / between, s.variabilityRatio(), 1e-14);
    }

    @Test
    void undefinedWithoutRepeatedClasses() {
        Matrix y = Matrix.gaussian(3, 4, 1, new Random(2));
        SubspaceCollapse.ClassStats s = SubspaceCollapse.stats(y, new int[] {0, 1, 2, 3}, 4);
        assertTrue(Double.isNaN(s.withinCosine()));
        assertTrue(Double.isNaN(s.variabilityRatio()));
    }

    @Test
    void componentIsTheProjectionOntoSpanOfWTransposeU() {
        Random rng = new Random(9);
        // U: 2 orthonormal columns in R^5; W (5 x 4) random: span(W^T U) is 2-dimensional in R^4
        Matrix u = TheoryReference.Spectral.of(Matrix.gaussian(5, 2, 1, rng), 2).u();
        Matrix w = Matrix.gaussian(5, 4, 1, rng);
        Matrix q = SubspaceCollapse.componentBasis(w, u);
        assertEquals(2, q.cols);
        // U^T W (I - Q Q^T) = 0: the remainder generates no logit in span(U); Q Q^T fixes W^T U
        Matrix wtu = Fixtures.mul(w.transpose(), u);
        Matrix qqt = Fixtures.mul(q, q.transpose());
        Matrix proj = Fixtures.mul(qqt, wtu);
        assertEquals(0.0, MatrixMetrics.diffNorm(proj, wtu), 1e-12);
        // two contexts whose h differ only by a vector orthogonal to span(W^T U) have identical components
        Matrix h = new Matrix(4, 2);
        double[] base = {0.3, -1, 2, 0.5};
        double[] off = new double[4];
        Matrix r = Matrix.gaussian(4, 1, 1, rng);
        Matrix rq = Fixtures.mul(qqt, r);
        for (int i = 0; i < 4; i++) off[i] = r.data[i] - rq.data[i];
        for (int i = 0; i < 4; i++) {
            h.set(i, 0, base[i]);
            h.set(i, 1, base[i] + 3 * off[i]);
        }
        SubspaceCollapse.Result res = SubspaceCollapse.of(w, h, u, new int[] {0, 0}, 1);
        assertEquals(1.0, res.mmComponent().withinCosine(), 1e-12);
        assertTrue(res.raw().withinCosine() < 0.99);
        assertEquals(2, res.componentDim());
    }
}
