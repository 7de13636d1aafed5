package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.PythonNumpy;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.PathResult;

/** The verdict rules of {@link Claims} on series written by hand: pass, trending, fail and n/a for each claim. */
class ClaimsRulesTest {
    static final long[] EPOCHS = {0, 1, 10, 100, 1000, 10000, 100000};

    /** A series with {@code m} taking {@code values} at {@link #EPOCHS} (other metrics n/a). */
    static List<CheckpointMetrics> series(Metric m, double... values) {
        List<CheckpointMetrics> s = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            CheckpointMetrics cm = new CheckpointMetrics(EPOCHS[i]);
            cm.set(m, values[i]);
            s.add(cm);
        }
        return s;
    }

    static void put(List<CheckpointMetrics> s, Metric m, double... values) {
        for (int i = 0; i < values.length; i++) s.get(i).set(m, values[i]);
    }

    static Claims.Claim eval(List<CheckpointMetrics> s, Claims.Context ctx, int index) {
        return Claims.evaluate(s, ctx).get(index);
    }

    static final Claims.Context PLAIN = Claims.Context.plain(2.0);

    @Test
    void trendIsTheLeastSquaresSlopeOverTheLastHalf() throws Exception {
        // last half of 7 checkpoints = the last 4 (epochs 100 .. 100000, x = 2..5)
        List<CheckpointMetrics> s = series(Metric.GAP_LRES_LMM, 9, 9, 9, 0.52, 0.41, 0.33, 0.2);
        Trend t = Trend.of(s, Metric.GAP_LRES_LMM);
        assertEquals(4, t.points());
        assertEquals(100, t.fromEpoch());
        Path python = PythonNumpy.find();
        Assumptions.assumeTrue(python != null, "no python3 with numpy");
        String out = PythonNumpy.run(python, """
                import numpy as np
                x = np.array([2., 3, 4, 5]); y = np.array([0.52, 0.41, 0.33, 0.2])
                p, cov = np.polyfit(x, y, 1, cov='unscaled')
                r = y - np.polyval(p, x); s2 = r @ r / (len(x) - 2)
                print('%.17g %.17g' % (p[0], np.sqrt(s2 * cov[0, 0])))
                """).trim();
        String[] v = out.split(" ");
        assertEquals(Double.parseDouble(v[0]), t.slope(), 1e-12);
        assertEquals(Double.parseDouble(v[1]), t.standardError(), 1e-12);
        assertTrue(t.falling());
        assertFalse(t.rising());
        // epoch 0 is not on the log axis, NaN values are skipped; fewer than 3 points: no trend
        assertFalse(Trend.of(series(Metric.GAP_LRES_LMM, 1, 0.5), Metric.GAP_LRES_LMM).defined());
        assertFalse(Trend.of(series(Metric.GAP_LRES_LMM, 1, 0.9, 0.8, Double.NaN, Double.NaN), Metric.GAP_LRES_LMM).defined());
        // noise without a direction is not a trend
        assertFalse(Trend.of(series(Metric.GAP_LRES_LMM, 1, 1, 1, 0.5, 0.6, 0.4, 0.55), Metric.GAP_LRES_LMM).falling());
    }

    @Test
    void c1WithoutOwnLLambda() {
        assertEquals(Claims.Verdict.PASS, eval(series(Metric.GAP_LRES_LMM, 1.4, 1.2, 0.9, 0.5, 0.3, 0.2, 0.15), PLAIN, 0).verdict());
        assertEquals(Claims.Verdict.TRENDING, eval(series(Metric.GAP_LRES_LMM, 1.4, 1.2, 0.9, 0.5, 0.35, 0.3, 0.25), PLAIN, 0).verdict());
        assertEquals(Claims.Verdict.FAIL, eval(series(Metric.GAP_LRES_LMM, 1.4, 1.2, 0.2, 0.25, 0.3, 0.35, 0.4), PLAIN, 0).verdict());
        // a significant slope that would need many decades more is not a trend towards the rule
        assertEquals(Claims.Verdict.FAIL, eval(series(Metric.GAP_LRES_LMM, 1.6, 1.6, 1.6, 1.53, 1.5297, 1.5294, 1.5291), PLAIN, 0).verdict());
        // one checkpoint: no trend, so never trending
        assertEquals(Claims.Verdict.FAIL, eval(series(Metric.GAP_LRES_LMM, 0.3), PLAIN, 0).verdict());
        assertEquals(Claims.Verdict.NA, eval(series(Metric.GAP_LRES_LMM, 0.3, Double.NaN), PLAIN, 0).verdict());
    }

    @Test
    void c2NeedsBothPartsAndTrendsOnTheFailingOnes() {
        List<CheckpointMetrics> s = series(Metric.CE_MINUS_H, 2, 1, 0.5, 0.2, 0.1, 0.08, 0.06);
        put(s, Metric.F_RECOVERY, 1, 1, 1, 1, 1, 1, 1);
        put(s, Metric.F_RECOVERY_REL, 1, 0.5, 0.3, 0.1, 0.05, 0.03, 0.02);
        assertEquals(Claims.Verdict.TRENDING, eval(s, PLAIN, 1).verdict());
        put(s, Metric.CE_MINUS_H, 2, 1, 0.5, 0.2, 0.1, 0.06, 0.04);
        assertEquals(Claims.Verdict.PASS, eval(s, PLAIN, 1).verdict());
        put(s, Metric.F_RECOVERY_REL, 1, 0.5, 0.3, 0.25, 0.25, 0.25, 0.25);
        assertEquals(Claims.Verdict.FAIL, eval(s, PLAIN, 1).verdict(), "the F gap is flat above its threshold");
        assertEquals(2.0, (Double) eval(s, PLAIN, 1).baseline().get("ce_minus_h_at_zero_logits"));
    }

    @Test
    void c3WithoutOwnLLambda() {
        List<CheckpointMetrics> s = series(Metric.GRAM_W_GAP, 1, 1, 0.8, 0.5, 0.35, 0.3, 0.25);
        put(s, Metric.GRAM_H_GAP, 1, 1, 0.5, 0.3, 0.2, 0.15, 0.1);
        assertEquals(Claims.Verdict.TRENDING, eval(s, PLAIN, 2).verdict());
        put(s, Metric.GRAM_W_GAP, 1, 1, 0.2, 0.19, 0.18, 0.19, 0.18);
        assertEquals(Claims.Verdict.PASS, eval(s, PLAIN, 2).verdict());
        put(s, Metric.GRAM_H_GAP, 1, 1, 0.2, 0.3, 0.4, 0.5, 0.6);
        assertEquals(Claims.Verdict.FAIL, eval(s, PLAIN, 2).verdict());
    }

    /** C4 passes only with high alignment AND a clear margin over the null; trending needs the margin and a rise. */
    @Test
    void c4NeedsAlignmentAndMarginOverTheNull() {
        double[] rising = {0.1, 0.2, 0.3, 0.5, 0.62, 0.74, 0.86};
        assertEquals(Claims.Verdict.TRENDING, c4(rising, 0.0, 0.05));
        assertEquals(Claims.Verdict.FAIL, c4(rising, 0.8, 0.05), "no margin over the null");
        assertEquals(Claims.Verdict.PASS, c4(new double[] {0.1, 0.5, 0.9, 0.95, 0.95, 0.96, 0.95}, 0.0, 0.1));
        assertEquals(Claims.Verdict.FAIL, c4(new double[] {0.1, 0.5, 0.9, 0.95, 0.95, 0.96, 0.95}, 0.9, 0.001), "margin below 0.1");
        assertEquals(Claims.Verdict.FAIL, c4(new double[] {0.1, 0.5, 0.9, 0.95, 0.95, 0.96, 0.95}, 0.0, 0.4), "margin below 3 null sd");
        assertEquals(Claims.Verdict.FAIL, c4(new double[] {0.1, 0.5, 0.6, 0.7, 0.7, 0.69, 0.7}, 0.0, 0.05), "flat below 0.9");
        assertEquals(Claims.Verdict.FAIL, c4(new double[] {0.1, 0.2, 0.3, 0.5, 0.52, 0.54, 0.56}, 0.0, 0.05), "rising, but too slowly to reach 0.9");
        assertEquals(Claims.Verdict.NA, c4(new double[] {0.5, Double.NaN}, 0.0, 0.1));
    }

    static Claims.Verdict c4(double[] within, double nullMean, double nullSd) {
        List<CheckpointMetrics> s = series(Metric.COLLAPSE_COS, within);
        double[] mean = new double[within.length], sd = new double[within.length];
        java.util.Arrays.fill(mean, nullMean);
        java.util.Arrays.fill(sd, nullSd);
        put(s, Metric.COLLAPSE_NULL_MEAN, mean);
        put(s, Metric.COLLAPSE_NULL_SD, sd);
        return eval(s, PLAIN, 3).verdict();
    }

    /** A run with its own L_lambda: on the path when closer to it than half the distance to the neighbouring points. */
    @Test
    void c1AndC3OnThePath() {
        NtpDataset ds = Fixtures.symmetric(4, 2, 2, 1);
        Random rng = new Random(3);
        double lambda = 1e-3;
        List<PathResult.Point> pts = new ArrayList<>();
        double[] lams = {lambda * PathReference.NEIGHBOUR_FACTOR, lambda, lambda / PathReference.NEIGHBOUR_FACTOR};
        for (int i = 0; i < 3; i++) {
            Matrix l = MatrixMetrics.centred(Matrix.gaussian(4, ds.contextCount(), 1 + i, rng));
            pts.add(new PathResult.Point(i, lams[i], 0, 0.01, 0, l.frobeniusNorm(), 3, 0, 0, 0, 1, 0, true, 0, l));
        }
        Matrix lmm = Fixtures.centeredSupport(ds);
        PathReference path = PathReference.of(new PathResult(pts, ds.entropy(), lmm, 0, 0), ds, ClassLevelMatrix.perContext(lmm), "hand-made");
        PathReference.Target t = path.target(lambda);
        assertTrue(t.available(), t.reason());
        double dist = Math.min(MatrixMetrics.diffNorm(pts.get(0).logits(), pts.get(1).logits()),
                MatrixMetrics.diffNorm(pts.get(2).logits(), pts.get(1).logits())) / pts.get(1).logits().frobeniusNorm();
        assertEquals(dist, t.neighbourDistance(), 1e-12);
        Claims.Context ctx = new Claims.Context(OptionalDouble.of(lambda), "UFM objective", t, Claims.Position.NONE, "hand-made", 2);
        double lim = Claims.ON_PATH_FRACTION * dist;
        List<CheckpointMetrics> s = series(Metric.TARGET_DIST, 1, 0.9, 0.5, 0.3, 0.2, 0.1, lim * 0.99);
        assertEquals(Claims.Verdict.PASS, eval(s, ctx, 0).verdict());
        put(s, Metric.TARGET_DIST, 1, 0.9, 0.5, 4 * lim, 3 * lim, 2 * lim, lim * 1.01);
        assertEquals(Claims.Verdict.TRENDING, eval(s, ctx, 0).verdict());
        put(s, Metric.TARGET_DIST, 1, 0.9, 0.5, 2 * lim, 2 * lim, 2 * lim, 2 * lim);
        assertEquals(Claims.Verdict.FAIL, eval(s, ctx, 0).verdict());
        put(s, Metric.TARGET_GRAM_W, 1, 1, 1, 1, 1, 1, 0.5 * t.neighbourGramW() * 0.9);
        put(s, Metric.TARGET_GRAM_H, 1, 1, 1, 1, 1, 1, 0.5 * t.neighbourGramH() * 0.9);
        assertEquals(Claims.Verdict.PASS, eval(s, ctx, 2).verdict(), eval(s, ctx, 2).measured());
        put(s, Metric.TARGET_GRAM_H, 1, 1, 1, 1, 1, 1, 0.5 * t.neighbourGramH() * 1.1);
        assertEquals(Claims.Verdict.FAIL, eval(s, ctx, 2).verdict());

        // a path point that hit the iteration cap cannot be the theory's prediction
        List<PathResult.Point> capped = new ArrayList<>(pts);
        PathResult.Point p = pts.get(2);
        capped.set(2, new PathResult.Point(2, p.lambda(), 0, 0.01, 0, p.frobeniusNorm(), 3, 0, 0, 0, 20000, 1, false, 0, p.logits()));
        PathReference.Target bad = PathReference.of(new PathResult(capped, ds.entropy(), lmm, 0, 0), ds, ClassLevelMatrix.perContext(lmm), "hand-made").target(lambda);
        assertFalse(bad.available());
        assertTrue(bad.reason().contains("iteration cap"), bad.reason());
        Claims.Context badCtx = new Claims.Context(OptionalDouble.of(lambda), "UFM objective", bad, Claims.Position.NONE, "hand-made", 2);
        assertEquals(Claims.Verdict.NA, eval(s, badCtx, 0).verdict());
        assertEquals(Claims.Verdict.NA, eval(s, badCtx, 2).verdict());
        assertTrue(eval(s, badCtx, 0).measured().contains("iteration cap"));
    }

    @Test
    void lambdasForAddsEachRunsNeighbours() {
        double[] l = PathReference.lambdasFor(new double[] {1e-1, 1e-2}, 1e-3, Double.NaN, 1e-2);
        String s = java.util.Arrays.stream(l).mapToObj(x -> String.format(Locale.ROOT, "%.4e", x)).reduce((a, b) -> a + " " + b).orElse("");
        assertEquals("1.0000e-01 3.1623e-02 1.0000e-02 3.1623e-03 1.0000e-03 3.1623e-04", s);
    }
}
