package org.ntpgeo.geometry;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.PythonNumpy;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.NumpyDualCertificate;
import org.ntpgeo.theory.SymmetricClosedForms;

/**
 * The symmetric case (all C(V,k) supports): factors built here from first principles (a Helmert basis of 1^perp,
 * no SVD), checked against the Prop. 5 closed forms of {@link SymmetricClosedForms} and analysed against L_mm
 * from the NTP-SVM* solver, whose optimality an independent numpy dual certificate proves.
 */
class SymmetricGeometryTest {
    static final int V = 6, K = 2;

    /** All C(V,k) supports once, every count 1 (so L_in = 0 and H = log k). */
    static NtpDataset uniformSymmetric(int v, int k) {
        List<Map<Integer, Long>> cols = new ArrayList<>();
        subsets(v, k, 0, new int[k], 0, cols);
        return NtpDataset.fromColumns(v, cols, null);
    }

    private static void subsets(int v, int k, int from, int[] cur, int depth, List<Map<Integer, Long>> out) {
        if (depth == k) {
            Map<Integer, Long> col = new HashMap<>();
            for (int z : cur) col.put(z, 1L);
            out.add(col);
            return;
        }
        for (int z = from; z < v; z++) {
            cur[depth] = z;
            subsets(v, k, z + 1, cur, depth + 1, out);
        }
    }

    /** Orthonormal basis of 1^perp in R^v (Helmert): column t = (1,..,1,-t,0..)/sqrt(t(t+1)) with t ones. */
    static Matrix helmert(int v) {
        Matrix e = new Matrix(v, v - 1);
        for (int t = 1; t < v; t++) {
            double n = Math.sqrt(t * (t + 1.0));
            for (int i = 0; i < t; i++) e.set(i, t - 1, 1 / n);
            e.set(t, t - 1, -t / n);
        }
        return e;
    }

    static long binomial(int n, int r) {
        long c = 1;
        for (int i = 1; i <= r; i++) c = c * (n - r + i) / i;
        return c;
    }

    /**
     * Balanced factors of R S~ from first principles: S~ S~^T = C(V-2, k-1) (I - 11^T/V) (count pairs of supports),
     * so with sigma = sqrt(C(V-2, k-1)) and a Helmert basis E of 1^perp, W = sqrt(R sigma) E and
     * h_j = sqrt(R / sigma) E^T s~_j give W H = R S~ and W^T W = H H^T = R sigma I.
     */
    static RunReader.Checkpoint closedFormFactors(NtpDataset ds, double r) {
        int v = ds.vocabSize(), m = ds.contextCount(), k = ds.supportSize(0);
        double sigma = Math.sqrt(binomial(v - 2, k - 1));
        Matrix e = helmert(v);
        Matrix w = e.times(Math.sqrt(r * sigma));
        Matrix st = Fixtures.centeredSupport(ds);
        Matrix h = Fixtures.mul(e.transpose(), st).times(Math.sqrt(r / sigma));
        return new RunReader.Checkpoint(1, w, h, Fixtures.mul(w, h));
    }

    @Test
    void closedFormFactorsHaveTheProposition5Geometry() {
        NtpDataset ds = uniformSymmetric(V, K);
        RunReader.Checkpoint cp = closedFormFactors(ds, 1);
        assertEquals(0, cp.l().minus(Fixtures.centeredSupport(ds)).maxAbs(), 1e-12, "W H = S~");
        Matrix w = cp.w(), h = cp.h();
        for (int a = 0; a < V; a++) for (int b = 0; b < V; b++) {
            if (a != b) assertEquals(SymmetricClosedForms.wordCosine(V), cos(w.row(a), w.row(b)), 1e-12);
        }
        for (int i = 0; i < ds.contextCount(); i++) for (int j = 0; j < ds.contextCount(); j++) {
            int overlap = 0;
            for (int x : ds.support(i)) for (int y : ds.support(j)) if (x == y) overlap++;
            assertEquals(SymmetricClosedForms.contextCosine(V, K, overlap), cos(h.column(i), h.column(j)), 1e-12);
        }
        for (int z = 0; z < V; z++) for (int j = 0; j < ds.contextCount(); j++) {
            boolean in = false;
            for (int x : ds.support(j)) in |= x == z;
            assertEquals(SymmetricClosedForms.wordContextCosine(V, K, in), cos(w.row(z), h.column(j)), 1e-12);
        }
        double w2 = dot(w.row(0), w.row(0)), h2 = dot(h.column(0), h.column(0));
        assertEquals(SymmetricClosedForms.wordToContextNormRatioSquared(V, K), w2 / h2, 1e-12);
    }

    /** The closed-form factors of R S~ pass C1, C2 and C3 against the solver's L_mm; C4 is n/a (each support once). */
    @Test
    void closedFormFactorsPassC1ToC3(@TempDir Path tmp) throws Exception {
        NtpDataset ds = uniformSymmetric(V, K);
        TheoryReference ref = ReferenceLoader.load(ds, null, ProgressListener.NONE);
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 1);
        CheckpointMetrics cm = an.analyze(closedFormFactors(ds, 12), true);
        List<Claims.Claim> claims = Claims.evaluate(List.of(cm), Claims.Context.plain(Math.log(V) - ds.entropy()));
        for (int i = 0; i < 3; i++) assertEquals(Claims.Verdict.PASS, claims.get(i).verdict(), claims.get(i).id() + ": " + claims.get(i).measured());
        assertEquals(Claims.Verdict.NA, claims.get(3).verdict());
        assertTrue(claims.get(3).measured().contains("only 0 support classes"), claims.get(3).measured());
        // the Gram gaps of factors built without an SVD against the SVD of the solver's L_mm
        assertEquals(0, cm.get(Metric.GRAM_W_GAP), 1e-7);
        assertEquals(0, cm.get(Metric.GRAM_H_GAP), 1e-7);
        assertEquals(0, cm.get(Metric.IMBALANCE), 1e-12);
        // SSIM of the word cosines (simplex ETF) against the prediction from L_mm
        assertEquals(1, cm.get(Metric.SSIM_WORDS), 1e-6);
    }

    @Test
    void pathFixtureGivesExactGapsAndSoftLabels() {
        NtpDataset ds = Fixtures.symmetric(5, 2, 1, 3);
        Matrix st = Fixtures.centeredSupport(ds), lin = Fixtures.lin(ds);
        TheoryReference ref = TheoryReference.of(ds, st, -1, "S~ (Prop. 2)");
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 1);
        for (double t : new double[] {1, 10, 100}) {
            Matrix l = lin.plus(t, st);
            // a per-context constant (ignored by softmax) must not change any gap
            Matrix shifted = l.copy();
            for (int j = 0; j < l.cols; j++) for (int i = 0; i < l.rows; i++) shifted.add(i, j, 3.0 * j - 1);
            CheckpointMetrics cm = an.analyze(new RunReader.Checkpoint((long) t, null, null, shifted), true);
            assertEquals(0.0, cm.get(Metric.F_RECOVERY), 1e-12);
            assertEquals(0.0, cm.get(Metric.GAP_LRES_LMM), 1e-12);
            // gap(L, S~) from the definition (L has zero column sums, like S~)
            double nl = l.frobeniusNorm(), ns = st.frobeniusNorm(), s = 0;
            for (int k = 0; k < l.data.length; k++) s += Math.pow(l.data[k] / nl - st.data[k] / ns, 2);
            assertEquals(Math.sqrt(s), cm.get(Metric.GAP_L_LMM), 1e-12);
            assertEquals(nl, cm.get(Metric.NORM_L_CENTRED), 1e-10 * nl);
            assertTrue(cm.get(Metric.CENTRING_SHARE) > 0.01);
            assertTrue(Double.isNaN(cm.get(Metric.GRAM_W_GAP)));
            assertEquals("checkpoint has no W and H", cm.reason(Metric.GRAM_W_GAP));
        }
    }

    /** Prop. 2 checked independently: numpy's dual certificate proves S~ optimal, and the solver's optimum has its value. */
    @Test
    void solverOptimumMatchesAnIndependentOptimalityProof() throws Exception {
        Path python = PythonNumpy.find();
        Assumptions.assumeTrue(python != null, "no python3 with numpy");
        NtpDataset ds = Fixtures.symmetric(5, 2, 1, 4);
        NumpyDualCertificate cert = NumpyDualCertificate.of(python, ds);
        assertTrue(cert.provesOptimality(), cert.toString());
        TheoryReference ref = ReferenceLoader.load(ds, null, ProgressListener.NONE);
        assertEquals(cert.nuclearNorm(), ref.lmmSvd().nuclearNorm(), 1e-9 * cert.nuclearNorm());
        assertEquals(4, ref.lmmSvd().rank());
    }

    private static double cos(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
