package org.ntpgeo.report;

import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.geometry.CheckpointMetrics;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.Metric;
import org.ntpgeo.geometry.SubspaceCollapse;

/** The training-curve figures shared by the single-run report and the comparison page. */
final class CurveFigures {
    private CurveFigures() {}

    /** A figure of several metrics of one run (log x = epoch). */
    record Spec(String name, String title, String yLabel, boolean logY, List<Metric> metrics, String caption) {}

    static final List<Spec> SINGLE_RUN = List.of(
            new Spec("loss-gap", "Loss gap CE - H", "CE - H (nats)", true, List.of(Metric.CE_MINUS_H),
                    "Cross-entropy minus the entropy lower bound H; theory (C2): tends to 0 as the logits diverge."),
            new Spec("norms", "Norm growth", "Frobenius norm", true, List.of(Metric.NORM_W, Metric.NORM_H, Metric.NORM_L, Metric.NORM_L_CENTRED),
                    "||W||_F, ||H||_F, ||L||_F (uncentred) and ||Lc||_F (centred logits, the part softmax sees) per logged epoch; theory (C1): "
                            + "||Lc|| grows without bound as lambda -> 0 (and settles at ||L_lambda|| for a run with weight decay lambda)."),
            new Spec("direction-gaps", "Direction gaps to L_mm and S~ (centred logits)", "||A/||A|| - B/||B|| ||_F", true,
                    List.of(Metric.GAP_L_LMM, Metric.GAP_L_STILDE, Metric.GAP_LRES_LMM, Metric.GAP_LRES_STILDE, Metric.PATH_GAP),
                    "Normalised distance between directions of the centred logits Lc = (I - 11^T/V) L and the references (0 = same direction, "
                            + "sqrt 2 = orthogonal); theory (C1): the gaps to L_mm tend to 0, (Lc - L_in) faster than Lc. The last curve is the gap to "
                            + "the closest path point L_lambda (the run's path position)."),
            new Spec("path-target", "Distance to the run's own L_lambda", "distance", true,
                    List.of(Metric.TARGET_DIST, Metric.TARGET_GRAM_W, Metric.TARGET_GRAM_H),
                    "For a run that minimised the UFM objective with weight decay lambda: ||Lc - L_lambda||_F / ||L_lambda||_F and the Gram gaps "
                            + "of Wc Wc^T and H^T H to the balanced factors of L_lambda (claims C1 and C3: the run should reach L_lambda)."),
            new Spec("convergence", "Soft-label recovery and Gram gaps", "gap", true,
                    List.of(Metric.F_RECOVERY_REL, Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.IMBALANCE),
                    "||P_F(L) - L_in||_F / ||L_in||_F (C2), normalised Gram gaps of Wc Wc^T to U Sigma U^T and of H^T H to V Sigma V^T (C3, "
                            + "L_mm = U Sigma V^T), and the factor imbalance ||Wc^T Wc - H H^T|| / ||Wc^T Wc|| (the Gram gaps can only vanish when it does)."),
            new Spec("ssim", "Structural similarity of cosine matrices", "SSIM (1 = identical structure)", false,
                    List.of(Metric.SSIM_WORDS, Metric.SSIM_CONTEXTS, Metric.SSIM_WORDS_STILDE, Metric.SSIM_CONTEXTS_STILDE),
                    "(cov(X,Y) + c)/(std(X) std(Y) + c), c = 1e-5, between the cosine matrix of the embeddings (rows of the centred Wc, columns of H) "
                            + "and the one predicted from L_mm or S~."));

    /** C4 over training: the statistic, its null band and the baselines. Null when C4 was never measured. */
    static Figure collapse(List<CheckpointMetrics> series) {
        double[] x = epochs(series);
        double[] mean = values(series, Metric.COLLAPSE_NULL_MEAN), sd = values(series, Metric.COLLAPSE_NULL_SD);
        double[] bar = new double[mean.length];
        for (int i = 0; i < bar.length; i++) bar[i] = mean[i] + Math.max(Claims.C4_MIN_NULL_SDS * sd[i], Claims.C4_MIN_MARGIN);
        List<LineCharts.Series> curves = new ArrayList<>();
        curves.add(new LineCharts.Series(Metric.COLLAPSE_COS.label, x, values(series, Metric.COLLAPSE_COS)));
        curves.add(new LineCharts.Series(Metric.COLLAPSE_NULL_MEAN.label, x, mean));
        curves.add(new LineCharts.Series("null mean + max(3 null sd, 0.1): the margin C4 needs", x, bar));
        curves.add(new LineCharts.Series(Metric.COLLAPSE_COS_NONMEMBER.label, x, values(series, Metric.COLLAPSE_COS_NONMEMBER)));
        curves.add(new LineCharts.Series(Metric.COLLAPSE_COS_RAW.label, x, values(series, Metric.COLLAPSE_COS_RAW)));
        curves.add(new LineCharts.Series(Metric.COLLAPSE_COS_TS.label, x, values(series, Metric.COLLAPSE_COS_TS)));
        if (series.stream().noneMatch(cm -> cm.has(Metric.COLLAPSE_COS))) return null;
        return LineCharts.chart("collapse-cosine", "Subspace collapse (C4) against its null", "epoch (log scale)", "mean within-class cosine", true,
                false, curves, "Mean over support classes of the mean pairwise cosine of h_j projected off T_S = span{w_z - w_z' : z, z' in S} (C4; "
                        + "theory: tends to 1), beside the same statistic with the class labels shuffled (" + SubspaceCollapse.NULL_SHUFFLES
                        + " permutations: mean, and the margin the rule needs), the member-to-non-member cosine under the same projections, raw h, "
                        + "and the T_S components that fit the distinct p_j within a class.");
    }

    /** For the comparison page: one figure per metric, one curve per run. */
    static final List<Metric> COMPARE = List.of(Metric.CE_MINUS_H, Metric.NORM_L_CENTRED, Metric.GAP_L_LMM, Metric.GAP_LRES_LMM,
            Metric.PATH_LAMBDA, Metric.F_RECOVERY_REL, Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.IMBALANCE, Metric.SSIM_CONTEXTS,
            Metric.COLLAPSE_COS, Metric.COLLAPSE_NULL_MEAN);

    static boolean logY(Metric m) {
        return switch (m) {
            case SSIM_CONTEXTS, SSIM_WORDS, SSIM_CONTEXTS_STILDE, SSIM_WORDS_STILDE, COLLAPSE_COS, COLLAPSE_COS_RAW, COLLAPSE_COS_TS,
                    COLLAPSE_COS_NONMEMBER, COLLAPSE_NULL_MEAN, COLLAPSE_NULL_SD, COLLAPSE_CLASSES, RANK_L, CENTRING_SHARE -> false;
            default -> true;
        };
    }

    static Figure single(Spec s, List<CheckpointMetrics> series) {
        List<LineCharts.Series> curves = new ArrayList<>();
        for (Metric m : s.metrics()) curves.add(new LineCharts.Series(m.label, epochs(series), values(series, m)));
        return LineCharts.chart(s.name(), s.title(), "epoch (log scale)", s.yLabel(), true, s.logY(), curves, s.caption());
    }

    static Figure compare(Metric m, List<String> labels, List<List<CheckpointMetrics>> runs) {
        List<LineCharts.Series> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) curves.add(new LineCharts.Series(labels.get(i), epochs(runs.get(i)), values(runs.get(i), m)));
        return LineCharts.chart("compare-" + m.key.replace('_', '-'), m.label, "epoch (log scale)", m.label,
                true, logY(m), curves, m.label + " per logged epoch, one curve per run.");
    }

    static double[] epochs(List<CheckpointMetrics> s) {
        double[] x = new double[s.size()];
        for (int i = 0; i < x.length; i++) x[i] = s.get(i).epoch;
        return x;
    }

    static double[] values(List<CheckpointMetrics> s, Metric m) {
        double[] y = new double[s.size()];
        for (int i = 0; i < y.length; i++) y[i] = s.get(i).get(m);
        return y;
    }
}
