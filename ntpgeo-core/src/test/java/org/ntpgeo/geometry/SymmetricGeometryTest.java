package org.ntpgeo.geometry;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * On a symmetric set (all C(V,k) supports) L_mm = S~ (Prop. 2). Analysing L_mm itself, with balanced factors,
 * must reproduce Prop. 5 and give zero gaps.
 */
class SymmetricGeometryTest {
    static final int V = 6, K = 2;

    static RunReader.Checkpoint balanced(Matrix l) {
        Svd svd = Svd.of(l);
        int r = Svd.rankOf(svd.s, 1e-10);
        Matrix w = new Matrix(l.rows, r), h = new Matrix(r, l.cols);
        for (int t = 0; t < r; t++) {
            double root = Math.sqrt(svd.s[t]);
            for (int i = 0; i < l.rows; i++) w.set(i, t, svd.u.get(i, t) * root);
            for (int j = 0; j < l.cols; j++) h.set(t, j, svd.v.get(j, t) * root);
        }
        return new RunReader.Checkpoint(7, w, h, l.copy());
    }

    @Test
    void analysisOfLmmItselfReproducesProposition5() {
        NtpDataset ds = Fixtures.symmetric(V, K, 2, 11); // m = 30, every support class has 2 contexts
        Matrix st = Fixtures.centeredSupport(ds);
        TheoryReference ref = TheoryReference.of(ds, st, -1, "S~ (Prop. 2)");
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 1);
        RunReader.Checkpoint cp = balanced(st);
        CheckpointMetrics cm = an.analyze(cp, true);
        assertEquals(0.0, cm.get(Metric.GAP_L_LMM));
        assertEquals(0.0, cm.get(Metric.GAP_L_STILDE));
        assertEquals(0.0, cm.get(Metric.GRAM_W_GAP), 1e-12);
        assertEquals(0.0, cm.get(Metric.IMBALANCE), 1e-12); // balanced factors: W^T W = Sigma = H H^T
        assertEquals(0.0, cm.get(Metric.GRAM_H_GAP), 1e-12);
        assertEquals(1.0, cm.get(Metric.SSIM_WORDS), 1e-10);
        assertEquals(1.0, cm.get(Metric.SSIM_CONTEXTS), 1e-10);
        assertEquals(1.0, cm.get(Metric.COLLAPSE_COS_MM), 1e-12);
        assertEquals(0.0, cm.get(Metric.COLLAPSE_NC1_MM), 1e-20);
        assertEquals(V - 1, (int) cm.get(Metric.RANK_L)); // S~ has rank V-1 here
        // P_F(S~) = 0 so ||P_F(L) - L_in|| = ||L_in||
        assertEquals(Fixtures.lin(ds).frobeniusNorm(), cm.get(Metric.F_RECOVERY), 1e-12);

        // Prop. 5: words form a simplex ETF
        Matrix wc = an.wordCosines(cp.w());
        int[] words = an.wordSample();
        for (int a = 0; a < V; a++) for (int b = 0; b < V; b++) {
            assertEquals(a == b ? 1.0 : -1.0 / (V - 1), wc.get(a, b), 1e-12, "word cosine " + words[a] + "," + words[b]);
        }
        // context cosines: (|S_j cap S_j'| - k^2/V) / (k - k^2/V)
        Matrix cc = an.contextCosines(cp.h());
        int[] ctx = an.contextSample();
        for (int a = 0; a < ctx.length; a++) for (int b = 0; b < ctx.length; b++) {
            int overlap = 0;
            for (int x : ds.support(ctx[a])) for (int y : ds.support(ctx[b])) if (x == y) overlap++;
            double expected = (overlap - (double) K * K / V) / (K - (double) K * K / V);
            assertEquals(expected, cc.get(a, b), 1e-12);
        }
        // the predicted cosine matrices (from L_mm) are the same formulas
        assertEquals(0.0, MatrixMetrics.diffNorm(cc, an.predictedContextCosines(true)), 1e-11);
        // norm ratio: with equal norms, ||w||^2/||h||^2 = (||W||^2/V)/(||H||^2/m) = (V-1) C(V-2,k-1)/(k(V-k)) per copy of the supports
        double perCopyM = ds.contextCount() / 2.0;
        double ratio = Math.pow(cm.get(Metric.NORM_W), 2) / V / (Math.pow(cm.get(Metric.NORM_H), 2) / perCopyM) / 2;
        double binom = 4; // C(V-2, k-1) = C(4, 1)
        // duplicating every context halves ||h||^2 per context relative to one copy: ||H||^2 is spread over 2x contexts
        assertEquals((V - 1) * binom / (K * (V - K)), ratio * 2, 1e-10);
    }

    @Test
    void pathFixtureGivesExactGapsAndSoftLabels() {
        NtpDataset ds = Fixtures.symmetric(5, 2, 1, 3);
        Matrix st = Fixtures.centeredSupport(ds), lin = Fixtures.lin(ds);
        TheoryReference ref = TheoryReference.of(ds, st, -1, "S~ (Prop. 2)");
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 1);
        for (double t : new double[] {1, 10, 100}) {
            Matrix l = lin.plus(t, st);
            CheckpointMetrics cm = an.analyze(new RunReader.Checkpoint((long) t, null, null, l), true);
            assertEquals(0.0, cm.get(Metric.F_RECOVERY), 1e-12);
            assertEquals(0.0, cm.get(Metric.GAP_LRES_LMM), 1e-12);
            // gap(L, S~) from the definition
            double nl = l.frobeniusNorm(), ns = st.frobeniusNorm(), s = 0;
            for (int k = 0; k < l.data.length; k++) s += Math.pow(l.data[k] / nl - st.data[k] / ns, 2);
            assertEquals(Math.sqrt(s), cm.get(Metric.GAP_L_LMM), 1e-14);
            assertTrue(Double.isNaN(cm.get(Metric.GRAM_W_GAP)));
            assertEquals("checkpoint has no W and H", cm.reason(Metric.GRAM_W_GAP));
        }
    }

    @Test
    void solverGivesCenteredSupportOnASymmetricSet() {
        NtpDataset ds = Fixtures.symmetric(5, 2, 1, 4);
        TheoryReference ref = ReferenceLoader.load(ds, null, ProgressListener.NONE);
        Matrix st = Fixtures.centeredSupport(ds);
        assertEquals(0.0, MatrixMetrics.diffNorm(ref.lmm(), st) / st.frobeniusNorm(), 1e-6);
        assertEquals(4, ref.lmmSvd().rank());
        assertTrue(ref.lmmSource().contains("solved"), ref.lmmSource());
    }
}
