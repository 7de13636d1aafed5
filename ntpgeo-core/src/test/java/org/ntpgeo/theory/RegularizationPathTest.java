package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

class RegularizationPathTest {
    @Test
    void lambdaSpecIsLogSpacedAndDescending() {
        double[] l = RegularizationPath.parseLambdas("1e-1:1e-4:4");
        assertArrayEquals(new double[] {1e-1, 1e-2, 1e-3, 1e-4}, l, 1e-15);
        assertArrayEquals(new double[] {0.5, 0.1}, RegularizationPath.parseLambdas("0.1, 0.5"), 0);
        assertThrows(UserError.class, () -> RegularizationPath.parseLambdas("1e-1:0:3"));
        assertThrows(UserError.class, () -> RegularizationPath.parseLambdas("a:b"));
        assertThrows(UserError.class, () -> RegularizationPath.parseLambdas("NaN"));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        NtpDataset ds = SupportPatterns.random(6, 9, 1, 3, 2);
        Matrix l = Matrix.gaussian(6, 9, 2, new Random(4));
        Matrix g = new Matrix(6, 9);
        CrossEntropy.valueAndGradient(ds, l, g);
        double h = 1e-6;
        for (int k = 0; k < l.data.length; k += 5) {
            Matrix a = l.copy(), b = l.copy();
            a.data[k] += h;
            b.data[k] -= h;
            double fd = (naiveCe(ds, a) - naiveCe(ds, b)) / (2 * h);
            assertEquals(fd, g.data[k], 1e-8);
        }
        assertEquals(naiveCe(ds, l), CrossEntropy.value(ds, l), 1e-12);
    }

    /** CE with plain exp/log, no log-sum-exp, for moderate logits. */
    private static double naiveCe(NtpDataset ds, Matrix l) {
        double ce = 0;
        for (int j = 0; j < ds.contextCount(); j++) {
            double z = 0;
            for (int i = 0; i < ds.vocabSize(); i++) z += Math.exp(l.get(i, j));
            for (int k = ds.start(j); k < ds.end(j); k++) ce -= ds.pi(j) * ds.probability(j, k) * Math.log(Math.exp(l.get(ds.token(k), j)) / z);
        }
        return ce;
    }

    /**
     * The time limit also ends a lambda in progress: with a limit already spent, the first lambda stops after one
     * iteration (kept, not converged) and the rest are skipped. Without the limit the same lambda needs many
     * iterations, so a limit checked only between lambdas would let it run to convergence.
     */
    @Test
    void timeLimitEndsALambdaInProgress() {
        NtpDataset ds = SupportPatterns.random(8, 14, 1, 4, 21);
        double[] lambdas = {1e-2, 1e-3};
        PathResult free = RegularizationPath.solve(ds, lambdas, PathOptions.defaults());
        assertTrue(free.points().get(0).iterations() > 1, "the test needs a lambda that takes several iterations");
        PathResult capped = RegularizationPath.solve(ds, lambdas, PathOptions.defaults().withTimeLimit(1e-9));
        assertEquals(1, capped.points().size());
        assertEquals(1, capped.points().get(0).iterations());
        assertTrue(!capped.points().get(0).converged());
    }

    @Test
    void pathFollowsClaimsC1AndC2(@TempDir Path dir) {
        NtpDataset ds = SupportPatterns.random(8, 14, 1, 4, 21);
        double[] lams = RegularizationPath.parseLambdas("1e-1:1e-5:5");
        PathResult r = RegularizationPath.solve(ds, lams, PathOptions.defaults());
        List<PathResult.Point> p = r.points();
        assertEquals(5, p.size());
        double h = ds.entropy();
        for (int q = 0; q < p.size(); q++) {
            PathResult.Point a = p.get(q);
            assertTrue(a.converged(), "lambda " + a.lambda());
            assertTrue(a.ce() > h, "CE > H");
            assertEquals(CrossEntropy.value(ds, a.logits()), a.ce(), 1e-12);
            assertEquals(sum(Svd.values(a.logits())), a.nuclearNorm(), 1e-6 * Math.max(1, a.nuclearNorm()));
            if (q > 0) {
                PathResult.Point b = p.get(q - 1);
                assertTrue(a.ce() < b.ce(), "CE decreases as lambda decreases");
                assertTrue(a.nuclearNorm() > b.nuclearNorm(), "||L|| grows");
                assertTrue(a.softLabelGap() < b.softLabelGap(), "P_F(L) -> L_in");
            }
            if (q > 1) assertTrue(a.directionGapLmm() < p.get(q - 1).directionGapLmm(), "direction gap to L_mm shrinks");
        }
        PathResult.Point last = p.get(p.size() - 1);
        assertTrue(last.ceMinusEntropy() < 1e-3);
        assertTrue(last.directionGapLmm() < 0.5 * p.get(1).directionGapLmm());

        // optimality of one L_lambda, checked by the objective itself: no random small perturbation improves it
        PathResult.Point mid = p.get(2);
        double f0 = mid.ce() + mid.lambda() * mid.nuclearNorm();
        Random rng = new Random(8);
        for (int t = 0; t < 20; t++) {
            Matrix pert = mid.logits().plus(1e-3, Matrix.gaussian(8, 14, 1, rng));
            double f = CrossEntropy.value(ds, pert) + mid.lambda() * sum(Svd.values(pert));
            assertTrue(f >= f0 - 1e-9, "perturbation improved the objective: " + (f0 - f));
        }

        r.write(dir);
        assertTrue(Files.isRegularFile(dir.resolve("path.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("lambda-4.npy")));
    }

    private static double sum(double[] a) {
        double t = 0;
        for (double x : a) t += x;
        return t;
    }
}
