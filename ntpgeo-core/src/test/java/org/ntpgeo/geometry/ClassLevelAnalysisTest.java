package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * The analysis at support-class level (L_mm and S~ as V x C class columns, L_in sparse, no V x m reference matrix)
 * against the dense formulas on the expanded V x m matrices: a LAPACK SVD of the expanded L_mm, m x m Gram
 * matrices, L_in, S~ and P_F from their definitions (Fixtures), the dense direction gap. Independent
 * computations: the class-level code never forms these matrices.
 */
class ClassLevelAnalysisTest {
    /** V = 12 words, m = 2400 contexts over repeated random supports (m above GramGap.DIRECT_LIMIT). */
    static final NtpDataset DS = repeatedSupports(12, 2400, 60, 5);

    /** m contexts, each with one of {@code pool} random supports of size 1-4 and counts in 1..5. */
    static NtpDataset repeatedSupports(int v, int m, int pool, long seed) {
        Random rng = new Random(seed);
        java.util.List<int[]> supports = new java.util.ArrayList<>();
        for (int p = 0; p < pool; p++) {
            java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
            int k = 1 + rng.nextInt(4);
            while (s.size() < k) s.add(rng.nextInt(v));
            supports.add(s.stream().mapToInt(Integer::intValue).toArray());
        }
        java.util.List<java.util.Map<Integer, Long>> cols = new java.util.ArrayList<>();
        for (int j = 0; j < m; j++) {
            java.util.Map<Integer, Long> c = new java.util.HashMap<>();
            for (int z : supports.get(rng.nextInt(pool))) c.put(z, 1L + rng.nextInt(5));
            cols.add(c);
        }
        return NtpDataset.fromColumns(v, cols, null);
    }

    /** The V x m expansion, column by column from the class columns (the test's own loop). */
    static Matrix expandByHand(ClassLevelMatrix x) {
        Matrix full = new Matrix(x.rows(), x.cols());
        for (int j = 0; j < x.cols(); j++) for (int z = 0; z < x.rows(); z++) full.set(z, j, x.perClass().get(z, x.classOf(j)));
        return full;
    }

    static Matrix denseRightVectors(Svd svd, int r) {
        return svd.v.columns(0, r);
    }

    @Test
    void classLevelSvdNormAndInnerProductEqualTheExpandedOnes() {
        Random rng = new Random(3);
        int[] cls = DS.supportClasses();
        Matrix perClass = Matrix.gaussian(DS.vocabSize(), DS.supportClassCount(), 1, rng);
        ClassLevelMatrix x = ClassLevelMatrix.of(perClass, cls);
        Matrix full = expandByHand(x);
        assertTrue(x.classCount() < DS.contextCount() / 2, "classes repeat: " + x.classCount());
        assertEquals(full.frobeniusNorm(), x.frobeniusNorm(), 1e-10 * full.frobeniusNorm());
        Matrix a = Matrix.gaussian(DS.vocabSize(), DS.contextCount(), 1, rng);
        double dot = 0;
        for (int k = 0; k < a.data.length; k++) dot += a.data[k] * full.data[k];
        assertEquals(dot, x.dot(a), 1e-9 * Math.abs(dot) + 1e-9);

        TheoryReference.Spectral sp = x.svd(-1);
        Svd dense = Svd.of(full);
        assertEquals(Math.min(DS.vocabSize(), x.classCount()), sp.rank());
        for (int i = 0; i < sp.rank(); i++) assertEquals(dense.s[i], sp.s()[i], 1e-10 * dense.s[0]);
        // U Sigma V^T with V expanded per context reproduces the V x m matrix; V has orthonormal columns over contexts
        Matrix vFull = sp.vFull();
        Matrix rebuilt = Fixtures.mul(MatrixMetrics.scaleColumns(sp.u(), sp.s()), vFull.transpose());
        assertEquals(0, rebuilt.minus(full).maxAbs(), 1e-10 * dense.s[0]);
        Matrix vtv = Fixtures.mul(vFull.transpose(), vFull);
        for (int i = 0; i < vtv.rows; i++) for (int j = 0; j < vtv.cols; j++) assertEquals(i == j ? 1 : 0, vtv.get(i, j), 1e-10);

        // Gram gaps over the contexts: trace formula through class sums against m x m matrices
        Matrix h = Matrix.gaussian(5, DS.contextCount(), 1, rng);
        Matrix vDense = denseRightVectors(dense, sp.rank());
        double[] s = java.util.Arrays.copyOf(dense.s, sp.rank());
        assertEquals(GramGap.direct(h, vDense, s), GramGap.ofRight(h, sp), 1e-7);
        // between a per-context SVD (a path point) and the class-level one
        Matrix other = Matrix.gaussian(DS.vocabSize(), DS.contextCount(), 1, rng);
        TheoryReference.Spectral po = TheoryReference.Spectral.of(other, -1);
        assertEquals(GramGap.between(po.v(), po.s(), vDense, s), GramGap.betweenRight(po, sp), 1e-9);
        assertEquals(GramGap.between(vDense, s, po.v(), po.s()), GramGap.betweenRight(sp, po), 1e-9);
    }

    @Test
    void checkpointMetricsAtClassLevelEqualTheDenseFormulas() {
        TheoryReference ref = ReferenceLoader.load(DS, null, ProgressListener.NONE);
        assertTrue(ref.lmm().classCount() < DS.contextCount(), "L_mm is held per class");
        Matrix lmmFull = expandByHand(ref.lmm());
        Matrix lin = Fixtures.lin(DS), st = Fixtures.centeredSupport(DS);

        Random rng = new Random(11);
        int d = 16;
        Matrix w = Matrix.gaussian(DS.vocabSize(), d, 1, rng), h = Matrix.gaussian(d, DS.contextCount(), 1, rng);
        Matrix l = Fixtures.mul(w, h);
        for (int j = 0; j < l.cols; j++) {
            double shift = 3 * rng.nextGaussian(), noise = 0.01;
            for (int z = 0; z < l.rows; z++) l.set(z, j, l.get(z, j) + shift + noise * rng.nextGaussian());
        }
        Matrix lOriginal = l.copy();
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 7);
        CheckpointMetrics cm = an.analyze(new RunReader.Checkpoint(1, w, h, l), true);

        Matrix lc = MatrixMetrics.centred(lOriginal);
        double tol = 1e-9;
        assertEquals(MatrixMetrics.directionGap(lc, lmmFull), cm.get(Metric.GAP_L_LMM), tol);
        assertEquals(MatrixMetrics.directionGap(lc, st), cm.get(Metric.GAP_L_STILDE), tol);
        assertEquals(MatrixMetrics.directionGap(lc, lin, lmmFull), cm.get(Metric.GAP_LRES_LMM), tol);
        assertEquals(MatrixMetrics.directionGap(lc, lin, st), cm.get(Metric.GAP_LRES_STILDE), tol);
        Matrix pf = new Matrix(lc.rows, lc.cols);
        for (int j = 0; j < lc.cols; j++) {
            int[] sj = DS.support(j);
            double mean = 0;
            for (int z : sj) mean += lc.get(z, j) / sj.length;
            for (int z : sj) pf.set(z, j, lc.get(z, j) - mean);
        }
        assertEquals(MatrixMetrics.diffNorm(pf, lin), cm.get(Metric.F_RECOVERY), tol * (1 + cm.get(Metric.F_RECOVERY)));
        assertEquals(MatrixMetrics.diffNorm(pf, lin) / lin.frobeniusNorm(), cm.get(Metric.F_RECOVERY_REL), tol);
        double normL = lOriginal.frobeniusNorm();
        assertEquals(MatrixMetrics.diffNorm(lOriginal, lc) / normL, cm.get(Metric.CENTRING_SHARE), tol);
        assertEquals(MatrixMetrics.diffNorm(lOriginal, Fixtures.mul(w, h)) / normL, cm.get(Metric.FACTOR_RESIDUAL), tol);
        assertEquals(lc.frobeniusNorm(), cm.get(Metric.NORM_L_CENTRED), tol * normL);

        Svd mm = Svd.of(lmmFull);
        int r = ref.lmmSvd().rank();
        double[] s = java.util.Arrays.copyOf(mm.s, r);
        assertEquals(GramGap.direct(h, mm.v.columns(0, r), s), cm.get(Metric.GRAM_H_GAP), 1e-7);
        assertEquals(GramGap.direct(MatrixMetrics.centred(w).transpose(), mm.u.columns(0, r), s), cm.get(Metric.GRAM_W_GAP), 1e-9);
        // predicted context cosines from the rows of V Sigma^(1/2) of the dense SVD
        int[] sample = an.contextSample();
        Matrix predicted = MatrixMetrics.rowCosines(MatrixMetrics.scaleColumns(MatrixMetrics.selectRows(mm.v.columns(0, r), sample), MatrixMetrics.sqrt(s)));
        assertEquals(0, predicted.minus(an.predictedContextCosines(true)).maxAbs(), 1e-9);
    }
}
