package org.ntpgeo.geometry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.ntpgeo.io.Json;

/**
 * Verdicts on the claims C1-C4 of theory.md from a run's series of checkpoint metrics (docs/REPORTS.md gives each
 * rule and its reasoning). Every verdict-giving number comes with a baseline computed the same way: C4 with a
 * null over shuffled class labels and the member-to-non-member cosine, C1/C3 with the run's position on the
 * regularisation path (and, for a run that minimised the UFM objective with weight decay lambda, the theory's own
 * prediction L_lambda for that run), C2 with the values of the zero logits.
 *
 * <p>Verdicts: {@code pass} (within the rule at the last checkpoint), {@code trending} (not within it, but moving
 * the predicted way: a significant fitted slope over the last half of the checkpoints whose line reaches the rule
 * within one more decade of epochs, see {@link Trend}),
 * {@code fail} (neither), {@code n/a} (cannot be measured; the reason is given). Thresholds are constants
 * fixed before looking at results; they are never tuned to a sample.
 */
public final class Claims {
    /** C1 (runs without an L_lambda of their own): final gap(Lc - L_in, L_mm) at most this. */
    public static final double C1_MAX_GAP = 0.2;
    /** C2: final CE - H (nats) at most this. */
    public static final double C2_MAX_LOSS_GAP = 0.05;
    /** C2: final ||P_F(L) - L_in||_F / ||L_in||_F at most this (absolute when L_in = 0). */
    public static final double C2_MAX_F_GAP = 0.2;
    /** C3 (runs without an L_lambda of their own): both normalised Gram gaps to the factors of L_mm at most this. */
    public static final double C3_MAX_GRAM_GAP = 0.2;
    /** C4: mean within-class cosine (projected off T_S) at least this. */
    public static final double C4_MIN_COSINE = 0.9;
    /** C4: the statistic must exceed the null mean by more than this many null standard deviations ... */
    public static final double C4_MIN_NULL_SDS = 3;
    /** ... and by at least this much (absolute). */
    public static final double C4_MIN_MARGIN = 0.1;
    /**
     * On the path (C1/C3 for a run with its own L_lambda): the run's distance to L_lambda is at most this fraction of
     * the distance from L_lambda to the path points half a decade of lambda away.
     */
    public static final double ON_PATH_FRACTION = 0.5;

    private Claims() {}

    public enum Verdict {
        PASS("pass"), TRENDING("trending"), FAIL("fail"), NA("n/a");

        public final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /**
     * One row of the claims table.
     *
     * @param measured the measured numbers as text (with n/a reasons and the trend)
     * @param value    the number the verdict is based on (NaN when n/a)
     * @param baseline the baseline numbers (JSON-ready: Double, Integer, String), in display order
     */
    public record Claim(String id, String statement, String measured, double value, String threshold, Verdict verdict,
                        Map<String, Object> baseline) {
        public Claim {
            baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        }

        /** The baseline as "key = value; ..." text. */
        public String baselineText() {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : baseline.entrySet()) {
                Object v = e.getValue();
                parts.add(e.getKey().replace('_', ' ') + " = " + (v instanceof Double d ? fmt(d) : String.valueOf(v)));
            }
            return String.join("; ", parts);
        }

        /** The metrics.json object: id, statement, verdict, value, threshold, measured, baseline. */
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("statement", statement);
            o.put("verdict", verdict.text);
            if (Double.isFinite(value)) o.put("value", value); else o.putNull("value");
            o.put("threshold", threshold);
            o.put("measured", measured);
            ObjectNode b = o.putObject("baseline");
            for (Map.Entry<String, Object> e : baseline.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Double d) {
                    if (Double.isFinite(d)) b.put(e.getKey(), d); else b.putNull(e.getKey());
                } else if (v instanceof Integer i) {
                    b.put(e.getKey(), i);
                } else {
                    b.put(e.getKey(), String.valueOf(v));
                }
            }
            return o;
        }
    }

    /**
     * Where the run's final checkpoint sits on the regularisation path, with the theory's own numbers at that
     * point (null fields/NaN when there is no path).
     *
     * @param lambda            lambda of the path point closest in direction
     * @param gap               direction gap of the run's Lc to it
     * @param pathGapLmm        that point's gap(L_lambda, L_mm)
     * @param pathGapResidual   that point's gap(L_lambda - L_in, L_mm)
     * @param pathGramW         Gram gap of that point's word factors to L_mm's (NaN when not computed)
     * @param pathGramH         the same for the context factors
     */
    public record Position(double lambda, double gap, double pathGapLmm, double pathGapResidual, double pathGramW, double pathGramH) {
        public static final Position NONE = new Position(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * What the claims need beside the series.
     *
     * @param ufmLambda        lambda when the run minimised the UFM objective ({@link UfmObjective}), else empty
     * @param objective        how the run is judged (text for the reports)
     * @param target           the run's own L_lambda (null when ufmLambda is empty)
     * @param position         the final checkpoint's position on the path
     * @param pathNote         why there is no path, or where it came from
     * @param zeroLogitsLossGap CE(0) - H = log V - H: C2's loss gap of the untrained uniform prediction
     */
    public record Context(OptionalDouble ufmLambda, String objective, PathReference.Target target, Position position, String pathNote,
                          double zeroLogitsLossGap) {
        /** A run with no path and no L_lambda (e.g. unit tests of the C2/C4 rules). */
        public static Context plain(double zeroLogitsLossGap) {
            return new Context(OptionalDouble.empty(), "not the UFM objective", null, Position.NONE, "no path", zeroLogitsLossGap);
        }
    }

    public static List<Claim> evaluate(List<CheckpointMetrics> series, Context ctx) {
        CheckpointMetrics last = series.get(series.size() - 1);
        List<Claim> out = new ArrayList<>();
        out.add(c1(series, last, ctx));
        out.add(c2(series, last, ctx));
        out.add(c3(series, last, ctx));
        out.add(c4(series, last));
        return out;
    }

    private static final String C1 = "Lc / ||Lc|| converges in direction to L_mm / ||L_mm|| along the regularisation path (L ~ L_in + R L_mm)";

    private static Claim c1(List<CheckpointMetrics> series, CheckpointMetrics last, Context ctx) {
        Map<String, Object> base = new LinkedHashMap<>();
        Position pos = ctx.position();
        String where = positionText(pos, ctx.pathNote());
        if (ctx.ufmLambda().isPresent()) {
            double lambda = ctx.ufmLambda().getAsDouble();
            PathReference.Target t = ctx.target();
            base.put("run_lambda", lambda);
            String threshold = "on the path: ||Lc - L_lambda|| / ||L_lambda|| <= " + ON_PATH_FRACTION + " x the distance from L_lambda to the path at lambda x 10^(+-1/2)";
            if (t == null || !t.available()) {
                base.put("path_position_lambda", pos.lambda());
                base.put("path_position_gap", pos.gap());
                return new Claim("C1", C1, "the theory's prediction L_lambda for this run is unavailable: " + (t == null ? "no path" : t.reason())
                        + "; gap(Lc - L_in, L_mm) = " + fmt(last, Metric.GAP_LRES_LMM) + "; " + where, Double.NaN, threshold, Verdict.NA, base);
            }
            double limit = ON_PATH_FRACTION * t.neighbourDistance();
            double r = last.get(Metric.TARGET_DIST);
            Trend tr = Trend.of(series, Metric.TARGET_DIST);
            base.put("neighbour_distance", t.neighbourDistance());
            base.put("on_path_limit", limit);
            base.put("path_gap_lmm_at_lambda", t.point().gapLmm());
            base.put("path_position_lambda", pos.lambda());
            base.put("path_position_gap", pos.gap());
            Verdict v = !Double.isFinite(r) ? Verdict.NA : r <= limit ? Verdict.PASS : tr.fallingTo(limit) ? Verdict.TRENDING : Verdict.FAIL;
            String measured = "||Lc - L_lambda|| / ||L_lambda|| = " + fmt(last, Metric.TARGET_DIST) + " at the run's lambda = " + fmt(lambda)
                    + " (neighbouring path points are " + fmt(t.neighbourDistance()) + " away); gap(Lc, L_mm) = " + fmt(last, Metric.GAP_L_LMM)
                    + " (L_lambda's own: " + fmt(t.point().gapLmm()) + "); " + tr.describe();
            return new Claim("C1", C1, measured, r, threshold + " = " + fmt(limit), v, base);
        }
        double g = last.get(Metric.GAP_LRES_LMM);
        Trend tr = Trend.of(series, Metric.GAP_LRES_LMM);
        base.put("path_position_lambda", pos.lambda());
        base.put("path_position_gap", pos.gap());
        base.put("path_gap_residual_lmm_at_position", pos.pathGapResidual());
        Verdict v = !Double.isFinite(g) ? Verdict.NA : g <= C1_MAX_GAP ? Verdict.PASS : tr.fallingTo(C1_MAX_GAP) ? Verdict.TRENDING : Verdict.FAIL;
        String measured = "gap(Lc - L_in, L_mm) = " + fmt(last, Metric.GAP_LRES_LMM) + "; gap(Lc, L_mm) = " + fmt(last, Metric.GAP_L_LMM) + "; "
                + where + "; " + tr.describe();
        return new Claim("C1", C1, measured, g, "gap(Lc - L_in, L_mm) <= " + C1_MAX_GAP + " (trending: heading there)", v, base);
    }

    private static String positionText(Position pos, String pathNote) {
        if (!Double.isFinite(pos.lambda())) return "path position n/a (" + pathNote + ")";
        return "path position: lambda = " + fmt(pos.lambda()) + " (direction gap to L_lambda " + fmt(pos.gap()) + "; there gap(L_lambda - L_in, L_mm) = "
                + fmt(pos.pathGapResidual()) + ")";
    }

    private static Claim c2(List<CheckpointMetrics> series, CheckpointMetrics last, Context ctx) {
        double loss = last.get(Metric.CE_MINUS_H);
        boolean linZero = !last.has(Metric.F_RECOVERY_REL) && last.has(Metric.F_RECOVERY);
        Metric fm = linZero ? Metric.F_RECOVERY : Metric.F_RECOVERY_REL;
        double f = last.get(fm);
        Trend tl = Trend.of(series, Metric.CE_MINUS_H), tf = Trend.of(series, fm);
        boolean lossOk = loss <= C2_MAX_LOSS_GAP, fOk = f <= C2_MAX_F_GAP;
        Verdict v = !Double.isFinite(loss) || !Double.isFinite(f) ? Verdict.NA : lossOk && fOk ? Verdict.PASS
                : (lossOk || tl.fallingTo(C2_MAX_LOSS_GAP)) && (fOk || tf.fallingTo(C2_MAX_F_GAP)) ? Verdict.TRENDING : Verdict.FAIL;
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("ce_minus_h_at_zero_logits", ctx.zeroLogitsLossGap());
        base.put("f_gap_at_zero_logits", linZero ? 0.0 : 1.0);
        if (ctx.target() != null && ctx.target().available()) base.put("path_ce_minus_h_at_lambda", ctx.target().point().ceMinusH());
        String measured = "CE - H = " + fmt(last, Metric.CE_MINUS_H) + "; " + (linZero ? "||P_F(L) - L_in||_F = " + fmt(last, Metric.F_RECOVERY)
                + " (L_in = 0, absolute)" : "||P_F(L) - L_in|| / ||L_in|| = " + fmt(last, Metric.F_RECOVERY_REL))
                + "; CE - H " + tl.describe() + "; F gap " + tf.describe();
        return new Claim("C2", "CE(L) -> H and P_F(L) -> L_in (soft labels fitted inside F)", measured, Math.max(loss, f),
                "CE - H <= " + C2_MAX_LOSS_GAP + " nats and " + (linZero ? "absolute" : "relative") + " F gap <= " + C2_MAX_F_GAP, v, base);
    }

    private static final String C3 = "normalised Wc Wc^T -> U Sigma U^T and H^T H -> V Sigma V^T (L = U Sigma V^T: L_lambda on the path, L_mm in the limit)";

    private static Claim c3(List<CheckpointMetrics> series, CheckpointMetrics last, Context ctx) {
        Map<String, Object> base = new LinkedHashMap<>();
        String vsLmm = "vs L_mm: word Gram gap = " + fmt(last, Metric.GRAM_W_GAP) + ", context Gram gap = " + fmt(last, Metric.GRAM_H_GAP)
                + " (factor imbalance " + fmt(last, Metric.IMBALANCE) + ")";
        if (ctx.ufmLambda().isPresent()) {
            PathReference.Target t = ctx.target();
            base.put("run_lambda", ctx.ufmLambda().getAsDouble());
            String threshold = "on the path: each Gram gap to L_lambda's factors <= " + ON_PATH_FRACTION
                    + " x the Gram gap between L_lambda's and its neighbours' (lambda x 10^(+-1/2))";
            if (t == null || !t.available()) {
                return new Claim("C3", C3, "the theory's prediction L_lambda for this run is unavailable: " + (t == null ? "no path" : t.reason())
                        + "; " + vsLmm, Double.NaN, threshold, Verdict.NA, base);
            }
            double gw = last.get(Metric.TARGET_GRAM_W), gh = last.get(Metric.TARGET_GRAM_H);
            double limW = ON_PATH_FRACTION * t.neighbourGramW(), limH = ON_PATH_FRACTION * t.neighbourGramH();
            Trend tw = Trend.of(series, Metric.TARGET_GRAM_W), th = Trend.of(series, Metric.TARGET_GRAM_H);
            base.put("neighbour_gram_w", t.neighbourGramW());
            base.put("neighbour_gram_h", t.neighbourGramH());
            Verdict v = !Double.isFinite(gw) || !Double.isFinite(gh) ? Verdict.NA : gw <= limW && gh <= limH ? Verdict.PASS
                    : (gw <= limW || tw.fallingTo(limW)) && (gh <= limH || th.fallingTo(limH)) ? Verdict.TRENDING : Verdict.FAIL;
            String measured = "vs L_lambda (lambda = " + fmt(t.lambda()) + "): word Gram gap = " + fmt(last, Metric.TARGET_GRAM_W) + ", context Gram gap = "
                    + fmt(last, Metric.TARGET_GRAM_H) + "; " + vsLmm + "; word " + tw.describe() + "; context " + th.describe();
            return new Claim("C3", C3, measured, Math.max(gw, gh), threshold + " (words " + fmt(limW) + ", contexts " + fmt(limH) + ")", v, base);
        }
        double gw = last.get(Metric.GRAM_W_GAP), gh = last.get(Metric.GRAM_H_GAP);
        Trend tw = Trend.of(series, Metric.GRAM_W_GAP), th = Trend.of(series, Metric.GRAM_H_GAP);
        Position pos = ctx.position();
        base.put("path_position_lambda", pos.lambda());
        base.put("path_gram_w_at_position", pos.pathGramW());
        base.put("path_gram_h_at_position", pos.pathGramH());
        boolean okW = gw <= C3_MAX_GRAM_GAP, okH = gh <= C3_MAX_GRAM_GAP;
        Verdict v = !Double.isFinite(gw) || !Double.isFinite(gh) ? Verdict.NA : okW && okH ? Verdict.PASS
                : (okW || tw.fallingTo(C3_MAX_GRAM_GAP)) && (okH || th.fallingTo(C3_MAX_GRAM_GAP)) ? Verdict.TRENDING : Verdict.FAIL;
        String measured = vsLmm + "; " + (Double.isFinite(pos.lambda()) ? "the path point at the run's position (lambda = " + fmt(pos.lambda())
                + ") has Gram gaps " + fmt(pos.pathGramW()) + " (words), " + fmt(pos.pathGramH()) + " (contexts)" : "path position n/a")
                + "; word " + tw.describe() + "; context " + th.describe();
        return new Claim("C3", C3, measured, Math.max(gw, gh), "both <= " + C3_MAX_GRAM_GAP + " (trending: heading there)", v, base);
    }

    private static Claim c4(List<CheckpointMetrics> series, CheckpointMetrics last) {
        double c = last.get(Metric.COLLAPSE_COS), mean = last.get(Metric.COLLAPSE_NULL_MEAN), sd = last.get(Metric.COLLAPSE_NULL_SD);
        Trend tr = Trend.of(series, Metric.COLLAPSE_COS);
        double margin = c - mean;
        boolean marginOk = margin > C4_MIN_NULL_SDS * sd && margin >= C4_MIN_MARGIN;
        Verdict v = !Double.isFinite(c) || !Double.isFinite(mean) || !Double.isFinite(sd) ? Verdict.NA
                : c >= C4_MIN_COSINE && marginOk ? Verdict.PASS : marginOk && tr.risingTo(C4_MIN_COSINE) ? Verdict.TRENDING : Verdict.FAIL;
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("null_mean", mean);
        base.put("null_sd", sd);
        base.put("null_shuffles", SubspaceCollapse.NULL_SHUFFLES);
        base.put("nonmember_cos", last.get(Metric.COLLAPSE_COS_NONMEMBER));
        base.put("classes", last.has(Metric.COLLAPSE_CLASSES) ? (Object) (int) last.get(Metric.COLLAPSE_CLASSES) : "n/a");
        String measured = v == Verdict.NA && !last.has(Metric.COLLAPSE_COS) ? "n/a (" + last.reason(Metric.COLLAPSE_COS) + ")"
                : "within-class cos of h off T_S = " + fmt(last, Metric.COLLAPSE_COS) + " over " + fmt(last, Metric.COLLAPSE_CLASSES)
                + " classes; shuffled-label null = " + fmt(mean) + " +- " + fmt(sd) + " (" + SubspaceCollapse.NULL_SHUFFLES
                + " permutations); member-to-non-member = " + fmt(last, Metric.COLLAPSE_COS_NONMEMBER) + "; raw h = " + fmt(last, Metric.COLLAPSE_COS_RAW)
                + "; T_S components = " + fmt(last, Metric.COLLAPSE_COS_TS) + "; " + tr.describe();
        return new Claim("C4", "contexts with equal support: their embeddings projected off T_S = span{w_z - w_z' : z, z' in S} align (subspace collapse)",
                measured, c, "cos >= " + C4_MIN_COSINE + " and above the null mean by > " + (int) C4_MIN_NULL_SDS + " null sd and >= " + C4_MIN_MARGIN
                        + " (trending: margin met, cos heading there)", v, base);
    }

    /** A metric value with 4 significant digits, or "n/a (reason)". */
    public static String fmt(CheckpointMetrics cm, Metric m) {
        return cm.has(m) ? fmt(cm.get(m)) : "n/a (" + cm.reason(m) + ")";
    }

    public static String fmt(double v) {
        if (!Double.isFinite(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
