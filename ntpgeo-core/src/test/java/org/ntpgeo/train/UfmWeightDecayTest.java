package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * The UFM with weight decay lambda is min CE(WH) + (lambda/2)(||W||^2 + ||H||^2); its stationary points with
 * d >= V solve min_L CE(L) + lambda ||L||_* (theory.md "Logit-domain reformulation"). Checked with closed-form
 * facts: balancedness W^T W = H H^T, zero column sums 1^T W = 0, ||L||_* = (||W||^2 + ||H||^2)/2, and the
 * convex optimality certificate ||grad CE(L)||_2 = lambda (spectral norm).
 */
class UfmWeightDecayTest {
    @Test
    void convergedUfmSatisfiesTheNuclearNormOptimalityConditions() {
        NtpDataset ds = TestDatasets.random(6, 8, 3, 21);
        double lambda = 0.05;
        int vocab = 6, m = 8, d = 8;
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(d, 1, "gd", 2, lambda, 0, 2))) {
            Matrix gw = new Matrix(vocab, d), gh = new Matrix(d, m);
            int epochs = 0;
            double gradNorm = Double.NaN;
            while (epochs < 200_000) {
                for (int k = 0; k < 1000; k++) model.trainEpoch(epochs++, 2);
                model.objectiveAndGradient(gw, gh);
                gradNorm = Math.hypot(gw.frobeniusNorm(), gh.frobeniusNorm());
                if (gradNorm < 1e-11) break;
            }
            System.out.println("wd test: epochs " + epochs + ", ||grad J|| = " + gradNorm);
            assertTrue(gradNorm < 1e-9, "not converged: ||grad|| = " + gradNorm);
            Matrix w = model.w(), h = model.h();
            Matrix l = Blas.multiply(w, h);
            double scale = w.frobeniusNorm() * w.frobeniusNorm();
            // balancedness
            Matrix wtw = Blas.gram(w, true);
            Matrix hht = Blas.gram(h, false);
            assertEquals(0, wtw.minus(hht).maxAbs() / scale, 1e-7, "W^T W = H H^T");
            // 1^T W = 0
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int i = 0; i < vocab; i++) s += w.get(i, c);
                assertEquals(0, s / w.frobeniusNorm(), 1e-7, "column sum of W");
            }
            // ||L||_* = (||W||^2 + ||H||^2) / 2
            double nuclear = Svd.of(l).nuclearNorm();
            double half = (Math.pow(w.frobeniusNorm(), 2) + Math.pow(h.frobeniusNorm(), 2)) / 2;
            assertEquals(nuclear, half, 1e-7 * nuclear);
            // certificate of the convex problem: grad CE(L) = -lambda U V^T on the range, spectral norm = lambda
            Matrix gce = naiveCeGradient(ds, l);
            double spectral = Svd.values(gce)[0];
            assertEquals(lambda, spectral, 1e-6 * lambda, "||grad CE(L)||_2 = lambda");
        }
    }

    @Test
    void convergedUfmAgreesWithTheConvexRegularisationPathSolver() {
        NtpDataset ds = TestDatasets.random(6, 8, 3, 21);
        double lambda = 0.05;
        Matrix ufm;
        try (UfmModel model = new UfmModel(ds, TestDatasets.ufm(8, 1, "gd", 2, lambda, 0, 2))) {
            for (int e = 0; e < 3000; e++) model.trainEpoch(e, 2);
            ufm = Blas.multiply(model.w(), model.h());
        }
        org.ntpgeo.theory.PathResult path = org.ntpgeo.theory.RegularizationPath.solve(ds, new double[] {lambda},
                org.ntpgeo.theory.PathOptions.defaults().withTolerance(1e-10).withMaxIterations(200_000));
        org.ntpgeo.theory.PathResult.Point p = path.points().get(0);
        System.out.println("UFM vs path solver: converged " + p.converged() + ", residual " + p.relativeResidual());
        Matrix convex = p.logits();
        double rel = ufm.minus(convex).frobeniusNorm() / convex.frobeniusNorm();
        System.out.println("UFM vs path solver: ||L_ufm - L_path|| / ||L_path|| = " + rel);
        assertTrue(rel < 1e-6, "relative difference " + rel);
        assertEquals(p.nuclearNorm(), Svd.of(ufm).nuclearNorm(), 1e-6 * p.nuclearNorm());
    }

    /** dCE/dL[:, j] = pi_j (softmax(l_j) - p_j), computed naively. */
    private static Matrix naiveCeGradient(NtpDataset ds, Matrix l) {
        Matrix p = ds.probabilityMatrix();
        Matrix g = new Matrix(l.rows, l.cols);
        for (int j = 0; j < l.cols; j++) {
            double z = 0;
            for (int i = 0; i < l.rows; i++) z += Math.exp(l.get(i, j));
            for (int i = 0; i < l.rows; i++) g.set(i, j, ds.pi(j) * (Math.exp(l.get(i, j)) / z - p.get(i, j)));
        }
        return g;
    }
}
