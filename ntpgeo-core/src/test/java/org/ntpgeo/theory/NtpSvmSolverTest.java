package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

class NtpSvmSolverTest {
    @Test
    void symmetricCaseIsCertifiedAndEqualsCenteredSupport() {
        for (int[] vk : new int[][] {{6, 2}, {7, 3}}) {
            NtpDataset ds = SupportPatterns.allSubsets(vk[0], vk[1], 9);
            SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
            assertTrue(s.certified());
            assertTrue(s.converged());
            assertEquals(0, s.iterations());
            assertEquals(vk[0] - 1, s.rank());
            assertEquals(0, s.lmm().minus(ClosedForms.centeredSupport(ds)).maxAbs(), 1e-8);
            verifyIndependently(ds, s);
        }
    }

    @Test
    void randomSupportsSatisfyConstraintsAndCloseTheGap() {
        int certified = 0;
        for (long seed = 1; seed <= 4; seed++) {
            NtpDataset ds = SupportPatterns.random(10 + (int) seed, 25 + 3 * (int) seed, 1, 5, seed);
            SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
            assertTrue(s.converged(), "seed " + seed + ": " + s.toJson());
            assertTrue(s.relativeDualityGap() <= 1e-6);
            if (s.certified()) certified++;
            verifyIndependently(ds, s);
            // S~ is feasible, so the optimum is no larger
            double nucS = sum(Svd.values(ClosedForms.centeredSupport(ds)));
            assertTrue(s.nuclearNorm() <= nucS * (1 + 1e-12));
        }
        assertTrue(certified < 4, "at least one case needs iterations");
    }

    /** Checks the optimality proof with naive loops and LAPACK, independently of the solver's own bookkeeping. */
    static void verifyIndependently(NtpDataset ds, SvmSolution s) {
        Matrix l = s.lmm(), lam = s.dual();
        int v = ds.vocabSize(), m = ds.contextCount();
        double p = sum(Svd.values(l));
        assertEquals(p, s.nuclearNorm(), 1e-9 * Math.max(1, p));
        double d = 0;
        for (int j = 0; j < m; j++) {
            int[] sup = ds.support(j);
            double level = l.get(sup[0], j), colSum = 0;
            for (int i = 0; i < v; i++) {
                boolean in = java.util.Arrays.binarySearch(sup, i) >= 0;
                colSum += lam.get(i, j);
                if (in) {
                    assertEquals(level, l.get(i, j), 1e-7, "equal in-support logits");
                    d += lam.get(i, j);
                } else {
                    assertTrue(level - l.get(i, j) >= 1 - 1e-7, "unit margin");
                    assertTrue(lam.get(i, j) <= 1e-12, "dual sign off support");
                }
            }
            assertEquals(0, colSum, 1e-10, "dual column sums vanish");
        }
        double lamNorm = Svd.values(lam)[0];
        assertTrue(lamNorm <= 1 + 1e-9, "||Lambda||_2 = " + lamNorm);
        // weak duality: <Lambda, S> <= ||L||_* for every feasible L; here also >= (1 - 1e-6) ||L||_*
        assertTrue(d <= p * (1 + 1e-9));
        assertTrue(d >= p * (1 - 1e-6) - 1e-12, "certified gap: d=" + d + " p=" + p);
    }

    @Test
    void noMarginConstraintGivesZero() {
        NtpDataset full = NtpDataset.fromColumns(3, List.of(Map.of(0, 1L, 1, 2L, 2, 1L), Map.of(0, 4L, 1, 1L, 2, 1L)), null);
        SvmSolution s = NtpSvmSolver.solve(full, SvmOptions.defaults());
        assertEquals(SvmMethod.TRIVIAL, s.method());
        assertTrue(s.converged());
        assertEquals(0, s.lmm().maxAbs(), 0);
        assertEquals(0, s.nuclearNorm(), 0);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < 5; j++) cols.add(Map.of(0, 1L + j));
        SvmSolution one = NtpSvmSolver.solve(NtpDataset.fromColumns(1, cols, null), SvmOptions.defaults());
        assertEquals(1, one.lmm().rows);
        assertEquals(0, one.lmm().maxAbs(), 0);
        assertTrue(one.converged());
    }

    @Test
    void iterationCapReportsNotConvergedWithHonestGap() {
        NtpDataset ds = null;
        for (long seed = 1; ds == null; seed++) {
            NtpDataset c = SupportPatterns.random(12, 30, 1, 5, seed);
            if (!ClosedForms.certificate(c).holds()) ds = c;
        }
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults().withMaxIterations(1));
        assertFalse(s.converged());
        assertTrue(s.iterations() <= 1);
        assertTrue(s.relativeDualityGap() > 1e-6 && Double.isFinite(s.relativeDualityGap()));
        verifyDualBoundOnly(ds, s);
    }

    private static void verifyDualBoundOnly(NtpDataset ds, SvmSolution s) {
        assertTrue(Svd.values(s.dual())[0] <= 1 + 1e-9);
        assertTrue(s.dualObjective() <= s.nuclearNorm());
    }

    @Test
    void writeAndReadBack(@TempDir Path dir) {
        NtpDataset ds = SupportPatterns.random(9, 20, 1, 4, 3);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        s.write(dir);
        SvmSolution r = SvmSolution.read(dir);
        assertEquals(0, r.lmm().minus(s.lmm()).maxAbs(), 0);
        assertEquals(0, r.dual().minus(s.dual()).maxAbs(), 0);
        assertEquals(s.nuclearNorm(), r.nuclearNorm(), 0);
        assertEquals(s.rank(), r.rank());
        assertEquals(s.converged(), r.converged());
        assertEquals(s.relativeDualityGap(), r.relativeDualityGap(), 0);
    }

    static double sum(double[] a) {
        double t = 0;
        for (double x : a) t += x;
        return t;
    }
}
