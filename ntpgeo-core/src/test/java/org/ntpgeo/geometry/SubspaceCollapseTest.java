package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.PythonNumpy;
import org.ntpgeo.linalg.Matrix;

class SubspaceCollapseTest {
    /** Contexts: for each support, {@code copies} contexts with random counts (so distinct p_j), then the extra singletons. */
    static NtpDataset classes(int v, int[][] supports, int copies, int[][] extra, long seed) {
        Random rng = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int c = 0; c < copies; c++) for (int[] s : supports) cols.add(counts(s, rng));
        for (int[] s : extra) cols.add(counts(s, rng));
        return NtpDataset.fromColumns(v, cols, null);
    }

    private static Map<Integer, Long> counts(int[] s, Random rng) {
        Map<Integer, Long> col = new HashMap<>();
        for (int z : s) col.put(z, 1L + rng.nextInt(6));
        return col;
    }

    static final int[][] SUPPORTS = {{0, 1}, {1, 2, 3}, {4, 5}, {0, 5, 6}};

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
    void tsBasisIsAnOrthonormalBasisOfTheWordDifferences() {
        Random rng = new Random(3);
        Matrix w = Matrix.gaussian(6, 5, 1, rng);
        int[] s = {0, 2, 3, 5};
        Matrix q = SubspaceCollapse.tsBasis(w, s);
        assertEquals(3, q.cols); // |S| - 1 differences, generic W
        Matrix qtq = Fixtures.mul(q.transpose(), q);
        assertEquals(0, qtq.minus(Matrix.identity(3)).maxAbs(), 1e-12);
        for (int z : s) { // every w_z - w_0 lies in span(Q)
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) x[i] = w.get(z, i) - w.get(0, i);
            double[] r = x.clone();
            for (int b = 0; b < 3; b++) {
                double p = 0;
                for (int i = 0; i < 5; i++) p += q.get(i, b) * x[i];
                for (int i = 0; i < 5; i++) r[i] -= p * q.get(i, b);
            }
            for (double v : r) assertEquals(0, v, 1e-12);
        }
        // centring W (subtracting the mean word) does not change T_S
        Matrix qc = SubspaceCollapse.tsBasis(MatrixMetrics.centred(w), s);
        assertEquals(0, Fixtures.mul(qc, qc.transpose()).minus(Fixtures.mul(q, q.transpose())).maxAbs(), 1e-12);
        // a repeated word adds nothing: rank 2
        Matrix w2 = w.copy();
        for (int i = 0; i < 5; i++) w2.set(5, i, w2.get(3, i));
        assertEquals(2, SubspaceCollapse.tsBasis(w2, s).cols);
        assertEquals(0, SubspaceCollapse.tsBasis(w, new int[] {4}).cols);
    }

    /** The statistic, the member-to-non-member baseline, raw h and the T_S components against numpy (every pair explicitly). */
    @Test
    void agreesWithNumpy() throws Exception {
        Path python = PythonNumpy.find();
        Assumptions.assumeTrue(python != null, "no python3 with numpy");
        NtpDataset ds = classes(8, SUPPORTS, 3, new int[][] {{7}, {2, 6}}, 5); // m = 14: every class samples all its non-members
        Random rng = new Random(8);
        Matrix w = Matrix.gaussian(8, 6, 1, rng), h = Matrix.gaussian(6, ds.contextCount(), 1, rng);
        SubspaceCollapse.Result r = new SubspaceCollapse(ds, 1).measure(w, h);
        StringBuilder sup = new StringBuilder("[");
        for (int j = 0; j < ds.contextCount(); j++) sup.append(j == 0 ? "" : ",").append(java.util.Arrays.toString(ds.support(j)));
        sup.append("]");
        String code = """
                import sys, json, numpy as np
                W = np.array(json.loads(sys.argv[1])); H = np.array(json.loads(sys.argv[2])); sup = json.loads(sys.argv[3])
                m = H.shape[1]
                keys = [tuple(s) for s in sup]
                classes = [k for k in dict.fromkeys(keys) if keys.count(k) >= 2]
                def cos(a, b): return a @ b / np.linalg.norm(a) / np.linalg.norm(b)
                def proj(S):
                    if len(S) < 2: return np.zeros((W.shape[1], W.shape[1]))
                    D = (W[list(S[1:])] - W[S[0]]).T
                    U, s, _ = np.linalg.svd(D, full_matrices=False)
                    U = U[:, s > 1e-9 * s[0]]
                    return U @ U.T
                within, outside, raw, ts = [], [], [], []
                for S in classes:
                    P = proj(S); mem = [j for j in range(m) if keys[j] == S]; non = [j for j in range(m) if keys[j] != S]
                    G = H - P @ H; T = P @ H
                    within.append(np.mean([cos(G[:, a], G[:, b]) for a in mem for b in mem if a < b]))
                    outside.append(np.mean([cos(G[:, a], G[:, b]) for a in mem for b in non]))
                    raw.append(np.mean([cos(H[:, a], H[:, b]) for a in mem for b in mem if a < b]))
                    if len(S) >= 2: ts.append(np.mean([cos(T[:, a], T[:, b]) for a in mem for b in mem if a < b]))
                print(json.dumps([np.mean(within), np.mean(outside), np.mean(raw), np.mean(ts), len(classes)]))
                """;
        String out = PythonNumpy.run(python, code, json(w), json(h), sup.toString()).trim();
        String[] v = out.substring(1, out.length() - 1).split(",");
        assertEquals(Double.parseDouble(v[0]), r.within(), 1e-12, "within-class cosine");
        assertEquals(Double.parseDouble(v[1]), r.nonMember(), 1e-12, "member-to-non-member cosine");
        assertEquals(Double.parseDouble(v[2]), r.raw(), 1e-12, "raw h");
        assertEquals(Double.parseDouble(v[3]), r.tsComponent(), 1e-12, "T_S components");
        assertEquals(4, Integer.parseInt(v[4].trim()));
        assertEquals(4, r.classes());
        assertEquals(SubspaceCollapse.NULL_SHUFFLES, r.nullValues().length);
    }

    private static String json(Matrix a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.rows; i++) {
            b.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < a.cols; j++) b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", a.get(i, j)));
            b.append(']');
        }
        return b.append(']').toString();
    }

    /**
     * Exact collapse by construction (h_j = a_class + a vector of T_S): the statistic is 1 and the null, which
     * pairs contexts of different classes, stays far below; the raw within-class cosine is not 1.
     */
    @Test
    void exactCollapseStandsOutOfItsNull() {
        NtpDataset ds = classes(8, SUPPORTS, 4, new int[0][], 2);
        Random rng = new Random(4);
        int d = 7;
        Matrix w = Matrix.gaussian(8, d, 1, rng);
        Matrix a = Matrix.gaussian(d, SUPPORTS.length, 1, rng);
        Matrix h = new Matrix(d, ds.contextCount());
        int[] cls = ds.supportClasses();
        for (int j = 0; j < h.cols; j++) {
            int[] s = ds.support(j);
            for (int i = 0; i < d; i++) h.set(i, j, a.get(i, cls[j]));
            for (int t = 1; t < s.length; t++) { // add 3 x a random multiple of w_z - w_z0
                double coef = 3 * rng.nextGaussian();
                for (int i = 0; i < d; i++) h.add(i, j, coef * (w.get(s[t], i) - w.get(s[0], i)));
            }
        }
        SubspaceCollapse sc = new SubspaceCollapse(ds, 9);
        SubspaceCollapse.Result r = sc.measure(w, h);
        assertNull(r.reason());
        assertEquals(1.0, r.within(), 1e-12);
        assertTrue(r.raw() < 0.9, "raw h is not collapsed: " + r.raw());
        assertTrue(r.within() - r.nullMean() > Claims.C4_MIN_NULL_SDS * r.nullSd() && r.within() - r.nullMean() > 0.3,
                "null " + r.nullMean() + " +- " + r.nullSd());
        // deterministic: the same seed gives the same null
        assertArrayEquals(r.nullValues(), new SubspaceCollapse(ds, 9).measure(w, h).nullValues());
    }

    /** One common vector plus noise: high within-class cosine, but no more than under shuffled labels. */
    @Test
    void commonDirectionIsNotCollapse() {
        NtpDataset ds = classes(8, SUPPORTS, 5, new int[0][], 6);
        Random rng = new Random(10);
        int d = 16;
        Matrix w = Matrix.gaussian(8, d, 1, rng);
        Matrix c = Matrix.gaussian(d, 1, 1, rng);
        Matrix h = new Matrix(d, ds.contextCount());
        for (int j = 0; j < h.cols; j++) for (int i = 0; i < d; i++) h.set(i, j, c.data[i] + 0.2 * rng.nextGaussian());
        SubspaceCollapse.Result r = new SubspaceCollapse(ds, 1).measure(w, h);
        assertTrue(r.raw() > 0.9, "the raw cosine is fooled: " + r.raw());
        assertTrue(Math.abs(r.within() - r.nullMean()) < Math.max(C4_SLACK * r.nullSd(), 0.05), r.within() + " vs null " + r.nullMean() + " +- " + r.nullSd());
    }

    static final double C4_SLACK = 3;

    @Test
    void notApplicableWithFewerThanThreeClasses() {
        NtpDataset ds = classes(6, new int[][] {{0, 1}, {2, 3}}, 3, new int[][] {{4}, {5}}, 1);
        SubspaceCollapse sc = new SubspaceCollapse(ds, 1);
        assertTrue(sc.naReason().contains("only 2 support classes"), sc.naReason());
        Random rng = new Random(1);
        SubspaceCollapse.Result r = sc.measure(Matrix.gaussian(6, 3, 1, rng), Matrix.gaussian(3, ds.contextCount(), 1, rng));
        assertTrue(Double.isNaN(r.within()) && Double.isNaN(r.nullMean()));
        assertEquals(sc.naReason(), r.reason());
        assertTrue(Double.isFinite(r.raw()), "raw h is still reported");
    }

    @Test
    void notApplicableWhenTsIsTheWholeSpace() {
        // d = 1: T_S = R^1 for every support of size 2 (w_z != w_z'), so every projection is zero and is skipped
        NtpDataset ds = classes(6, new int[][] {{0, 1}, {2, 3}, {4, 5}}, 3, new int[0][], 1);
        Random rng = new Random(2);
        SubspaceCollapse.Result r = new SubspaceCollapse(ds, 1).measure(Matrix.gaussian(6, 1, 1, rng), Matrix.gaussian(1, ds.contextCount(), 1, rng));
        assertTrue(Double.isNaN(r.within()));
        assertTrue(r.reason().contains("only 0 classes"), r.reason());
        assertEquals(ds.contextCount(), r.skipped());
    }
}
