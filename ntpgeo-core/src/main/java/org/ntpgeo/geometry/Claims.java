package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verdicts on the claims C1-C4 of theory.md from the metrics of the first and final checkpoints. Thresholds are
 * stated constants (and printed in the report); a finite training run approaches the limits only, so a "fail"
 * means "not (yet) within the threshold", not a disproof.
 */
public final class Claims {
    /** C1: final direction gap of (L - L_in) to L_mm at most this, and gap(L, L_mm) smaller than at the start. */
    public static final double C1_MAX_GAP = 0.2;
    /** C2: final CE - H (nats) at most this. */
    public static final double C2_MAX_LOSS_GAP = 0.05;
    /** C2: final ||P_F(L) - L_in||_F / ||L_in||_F at most this (absolute when L_in = 0). */
    public static final double C2_MAX_F_GAP = 0.2;
    /** C3: both normalised Gram gaps at most this. */
    public static final double C3_MAX_GRAM_GAP = 0.2;
    /** C4: mean within-class cosine of the L_mm component of h at least this. */
    public static final double C4_MIN_COSINE = 0.9;

    private Claims() {}

    public enum Verdict {
        PASS("pass"), FAIL("fail"), NA("n/a");

        public final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /**
     * One row of the claims table.
     *
     * @param measured the measured numbers as text (with n/a reasons)
     * @param value    the number the verdict is based on (NaN when n/a)
     */
    public record Claim(String id, String statement, String measured, double value, String threshold, Verdict verdict) {}

    public static List<Claim> evaluate(CheckpointMetrics first, CheckpointMetrics last) {
        List<Claim> out = new ArrayList<>();
        // C1
        double g = last.get(Metric.GAP_LRES_LMM), gl = last.get(Metric.GAP_L_LMM), gl0 = first.get(Metric.GAP_L_LMM);
        Verdict v1 = !Double.isFinite(g) || !Double.isFinite(gl) ? Verdict.NA
                : (g <= C1_MAX_GAP && (first == last || !Double.isFinite(gl0) || gl < gl0) ? Verdict.PASS : Verdict.FAIL);
        out.add(new Claim("C1", "L / ||L|| converges in direction to L_mm / ||L_mm|| (L ~ L_in + R L_mm)",
                "gap(L - L_in, L_mm) = " + fmt(last, Metric.GAP_LRES_LMM) + "; gap(L, L_mm) = " + fmt(first, Metric.GAP_L_LMM)
                        + " (epoch " + first.epoch + ") -> " + fmt(last, Metric.GAP_L_LMM) + " (epoch " + last.epoch + ")",
                g, "gap(L - L_in, L_mm) <= " + C1_MAX_GAP + " and gap(L, L_mm) decreasing", v1));
        // C2
        double loss = last.get(Metric.CE_MINUS_H);
        boolean linZero = !last.has(Metric.F_RECOVERY_REL) && last.has(Metric.F_RECOVERY);
        double f = linZero ? last.get(Metric.F_RECOVERY) : last.get(Metric.F_RECOVERY_REL);
        Verdict v2 = !Double.isFinite(loss) || !Double.isFinite(f) ? Verdict.NA
                : (loss <= C2_MAX_LOSS_GAP && f <= C2_MAX_F_GAP ? Verdict.PASS : Verdict.FAIL);
        out.add(new Claim("C2", "CE(L) -> H and P_F(L) -> L_in (soft labels fitted inside F)",
                "CE - H = " + fmt(last, Metric.CE_MINUS_H) + "; " + (linZero ? "||P_F(L) - L_in||_F = " + fmt(last, Metric.F_RECOVERY)
                        + " (L_in = 0, absolute)" : "||P_F(L) - L_in|| / ||L_in|| = " + fmt(last, Metric.F_RECOVERY_REL)),
                Math.max(loss, f), "CE - H <= " + C2_MAX_LOSS_GAP + " nats and relative F gap <= " + C2_MAX_F_GAP, v2));
        // C3
        double gw = last.get(Metric.GRAM_W_GAP), gh = last.get(Metric.GRAM_H_GAP);
        Verdict v3 = !Double.isFinite(gw) || !Double.isFinite(gh) ? Verdict.NA
                : (gw <= C3_MAX_GRAM_GAP && gh <= C3_MAX_GRAM_GAP ? Verdict.PASS : Verdict.FAIL);
        out.add(new Claim("C3", "normalised W W^T -> U Sigma U^T and H^T H -> V Sigma V^T (L_mm = U Sigma V^T)",
                "word Gram gap = " + fmt(last, Metric.GRAM_W_GAP) + "; context Gram gap = " + fmt(last, Metric.GRAM_H_GAP)
                        + " (factor imbalance " + fmt(last, Metric.IMBALANCE) + ")",
                Math.max(gw, gh), "both <= " + C3_MAX_GRAM_GAP, v3));
        // C4
        double c = last.get(Metric.COLLAPSE_COS_MM);
        Verdict v4 = !Double.isFinite(c) ? Verdict.NA : (c >= C4_MIN_COSINE ? Verdict.PASS : Verdict.FAIL);
        out.add(new Claim("C4", "contexts with equal support: L_mm components of h_j align (subspace collapse)",
                "within-class cos (L_mm component) = " + fmt(last, Metric.COLLAPSE_COS_MM) + "; raw h = " + fmt(last, Metric.COLLAPSE_COS_RAW)
                        + "; remainder = " + fmt(last, Metric.COLLAPSE_COS_REST) + "; NC1 ratio (L_mm component) = " + fmt(last, Metric.COLLAPSE_NC1_MM),
                c, "within-class cos >= " + C4_MIN_COSINE, v4));
        return out;
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
