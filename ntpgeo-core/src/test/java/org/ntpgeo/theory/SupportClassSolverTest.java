package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SupportClasses;
import org.ntpgeo.data.SyntheticClasses;
import org.ntpgeo.data.SyntheticDatasets.Range;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * The support-class formulation against the full one and against independent full-size computations: the same
 * optimum, a certificate that expands to a valid full certificate, the Prop. 3 test reduced exactly.
 */
class SupportClassSolverTest {
    static NtpDataset repeated(int vocab, int contexts, int classes, long seed) {
        return SyntheticClasses.generate(vocab, contexts, classes, new Range(1, Math.min(4, vocab - 1)), new Range(1, 4), 1.0, seed).dataset();
    }

    @Test
    void classAndFullFormulationsReachTheSameOptimum() {
        for (long seed = 1; seed <= 4; seed++) {
            NtpDataset ds = repeated(8 + (int) seed, 60 + 10 * (int) seed, 12 + 2 * (int) seed, seed);
            SvmOptions tight = SvmOptions.defaults().withGapTolerance(1e-9);
            SvmSolution cls = NtpSvmSolver.solve(ds, tight.withFormulation(SvmFormulation.CLASSES));
            SvmSolution full = NtpSvmSolver.solve(ds, tight.withFormulation(SvmFormulation.FULL));
            assertTrue(cls.converged() && full.converged(), "seed " + seed);
            assertEquals(SvmFormulation.CLASSES, cls.formulation());
            assertEquals(SvmFormulation.FULL, full.formulation());
            assertTrue(cls.classCount() < ds.contextCount(), "the instance has repeated supports");
            assertEquals(full.nuclearNorm(), cls.nuclearNorm(), 1e-6 * full.nuclearNorm(), "seed " + seed);
            // the optimum is unique on these instances (as CVXOPT agreement suggests): same L_mm column by column
            assertEquals(0, cls.lmm().minus(full.lmm()).maxAbs(), 1e-4, "seed " + seed);
            NtpSvmSolverTest.verifyIndependently(ds, cls);
            NtpSvmSolverTest.verifyIndependently(ds, full);
        }
    }

    @Test
    void classLevelInvariantsAndCertificateFormula() {
        NtpDataset ds = repeated(10, 200, 25, 11);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        assertTrue(s.converged());
        SupportClasses sc = SupportClasses.of(ds);
        Matrix l = s.classLmm(), y = s.classDual();
        assertEquals(sc.classCount(), s.classCount());
        assertEquals(sc.classCount(), l.cols);
        double value = 0, maxAbs = l.maxAbs();
        for (int c = 0; c < sc.classCount(); c++) {
            int[] sup = sc.support(c);
            double level = l.get(sup[0], c), top = Double.NEGATIVE_INFINITY, colL = 0, colY = 0;
            for (int i = 0; i < ds.vocabSize(); i++) {
                boolean in = java.util.Arrays.binarySearch(sup, i) >= 0;
                colL += l.get(i, c);
                colY += y.get(i, c);
                if (in) {
                    assertEquals(level, l.get(i, c), 1e-9, "equal in-support logits");
                } else {
                    top = Math.max(top, l.get(i, c));
                    assertTrue(y.get(i, c) <= 0, "reduced dual <= 0 off the support");
                    value += Math.sqrt(sc.size(c)) * -y.get(i, c);
                }
            }
            assertTrue(level - top >= 1 - 1e-9, "unit margin of the shared column");
            assertEquals(0, colY, 1e-12, "reduced dual column sums vanish");
            // every minimiser has zero column sums (centring never increases ||.||_*, strictly unless already centred)
            assertEquals(0, colL, 1e-4 * maxAbs, "L_mm column sums vanish");
        }
        assertEquals(value, s.dualObjective(), 1e-9 * value, "sum_c sqrt(n_c) sum_{v not in S_c} -Y[v,c]");
        assertTrue(Svd.values(y)[0] <= 1 + 1e-12, "||Y||_2 <= 1");
        // the weighted class matrix M = L_c N^(1/2) has L_mm's singular values
        assertArrayEquals(java.util.Arrays.copyOf(Svd.values(s.lmm()), l.rows), Svd.values(s.weightedClassLmm()), 1e-9 * s.nuclearNorm());
        // the expansion: L_mm[:, j] = L_c[:, c(j)], Lambda[:, j] = Y[:, c(j)] / sqrt(n_c)
        for (int j = 0; j < ds.contextCount(); j++) {
            int c = sc.classOf(j);
            for (int i = 0; i < ds.vocabSize(); i++) {
                assertEquals(l.get(i, c), s.lmm().get(i, j), 0);
                assertEquals(y.get(i, c) / Math.sqrt(sc.size(c)), s.dual().get(i, j), 1e-15);
            }
        }
    }

    @Test
    void prop3OnTheReducedProblemIsProp3OnTheFullOne() {
        List<NtpDataset> cases = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) cases.add(repeated(7, 40, 10, seed));
        // symmetric supports repeated unevenly: all C(6,2) supports, support number q used 1 + q % 3 times
        List<Map<Integer, Long>> cols = new ArrayList<>();
        int q = 0;
        for (int a = 0; a < 6; a++) for (int b = a + 1; b < 6; b++, q++) for (int r = 0; r <= q % 3; r++) cols.add(Map.of(a, 1L + r, b, 2L));
        cases.add(NtpDataset.fromColumns(6, cols, null));
        int holds = 0;
        for (NtpDataset ds : cases) {
            ClosedForms.Certificate reduced = ClosedForms.certificate(ds);
            // independently, on the full V x m matrix: thin SVD of S~, A = U V^T, largest off-support entry
            Matrix st = ClosedForms.centeredSupport(ds);
            Svd svd = Svd.of(st);
            int r = ClosedForms.numericalRank(svd.s, st.rows, st.cols);
            Matrix a = svd.reconstruct(r, s -> 1.0);
            double maxOff = Double.NEGATIVE_INFINITY, nuc = 0;
            for (int j = 0; j < ds.contextCount(); j++) {
                int[] sup = ds.support(j);
                for (int i = 0; i < ds.vocabSize(); i++) if (java.util.Arrays.binarySearch(sup, i) < 0) maxOff = Math.max(maxOff, a.get(i, j));
            }
            for (int i = 0; i < r; i++) nuc += svd.s[i];
            assertEquals(maxOff, reduced.maxOffSupportA(), 1e-10);
            assertEquals(nuc, reduced.nuclearNorm(), 1e-10 * nuc);
            assertEquals(r, reduced.rank());
            assertEquals(maxOff <= ClosedForms.CERTIFICATE_TOLERANCE, reduced.holds());
            if (reduced.holds()) {
                holds++;
                SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
                assertEquals(SvmMethod.PROP3_CERTIFICATE, s.method());
                assertEquals(0, s.lmm().minus(st).maxAbs(), 1e-10, "L_mm = S~");
            }
        }
        assertTrue(holds >= 1 && holds < cases.size(), "both outcomes occur: " + holds + " of " + cases.size());
    }

    @Test
    void trivialProblemsAtClassLevel() {
        // every support is the whole vocabulary: no margin constraint, L_mm = 0, one class
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < 4; j++) cols.add(Map.of(0, 1L + j, 1, 1L, 2, 2L));
        SvmSolution s = NtpSvmSolver.solve(NtpDataset.fromColumns(3, cols, null), SvmOptions.defaults());
        assertEquals(SvmMethod.TRIVIAL, s.method());
        assertEquals(1, s.classCount());
        assertTrue(s.converged());
        assertEquals(0, s.lmm().maxAbs(), 0);
        assertEquals(4, s.lmm().cols);
    }
}
