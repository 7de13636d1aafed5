package org.ntpgeo.report;

import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.geometry.CheckpointMetrics;
import org.ntpgeo.geometry.Metric;

/** The training-curve figures shared by the single-run report and the comparison page. */
final class CurveFigures {
    private CurveFigures() {}

    /** A figure of several metrics of one run (log x = epoch). */
    record Spec(String name, String title, String yLabel, boolean logY, List<Metric> metrics, String caption) {}

    static final List<Spec> SINGLE_RUN = List.of(
            new Spec("loss-gap", "Loss gap CE - H", "CE - H (nats)", true, List.of(Metric.CE_MINUS_H),
                    "Cross-entropy minus the entropy lower bound H; theory (C2): tends to 0 as the logits diverge."),
            new Spec("norms", "Norm growth", "Frobenius norm", true, List.of(Metric.NORM_W, Metric.NORM_H, Metric.NORM_L),
                    "||W||_F, ||H||_F, ||L||_F per logged epoch; theory (C1): ||L|| grows without bound."),
            new Spec("direction-gaps", "Direction gaps to L_mm and S~", "||A/||A|| - B/||B|| ||_F", true,
                    List.of(Metric.GAP_L_LMM, Metric.GAP_L_STILDE, Metric.GAP_LRES_LMM, Metric.GAP_LRES_STILDE),
                    "Normalised distance between directions (0 = same direction, 2 = opposite); theory (C1): the gaps to L_mm tend to 0, (L - L_in) faster than L."),
            new Spec("convergence", "Soft-label recovery and Gram gaps", "gap", true,
                    List.of(Metric.F_RECOVERY_REL, Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.IMBALANCE),
                    "||P_F(L) - L_in||_F / ||L_in||_F (C2), normalised Gram gaps of W W^T to U Sigma U^T and of H^T H to V Sigma V^T (C3), "
                            + "and the factor imbalance ||W^T W - H H^T|| / ||W^T W|| (the Gram gaps can only vanish when it does)."),
            new Spec("ssim", "Structural similarity of cosine matrices", "SSIM (1 = identical structure)", false,
                    List.of(Metric.SSIM_WORDS, Metric.SSIM_CONTEXTS, Metric.SSIM_WORDS_STILDE, Metric.SSIM_CONTEXTS_STILDE),
                    "(cov(X,Y) + c)/(std(X) std(Y) + c), c = 1e-5, between the cosine matrix of the embeddings and the one predicted from L_mm or S~."),
            new Spec("collapse-cosine", "Subspace collapse: within-class cosine", "mean within-class cosine", false,
                    List.of(Metric.COLLAPSE_COS_MM, Metric.COLLAPSE_COS_RAW, Metric.COLLAPSE_COS_REST),
                    "Mean cosine between context embeddings with the same support set, for the L_mm component h^mm (projection onto span(W^T U)), raw h and the remainder h - h^mm (C4: the L_mm component tends to 1)."),
            new Spec("collapse-nc1", "Subspace collapse: within/between-class variability", "tr(Sigma_W) / tr(Sigma_B)", true,
                    List.of(Metric.COLLAPSE_NC1_MM, Metric.COLLAPSE_NC1_RAW, Metric.COLLAPSE_NC1_REST),
                    "NC1-style ratio of within-class to between-class variability over support classes (smaller = more collapsed)."));

    /** For the comparison page: one figure per metric, one curve per run. */
    static final List<Metric> COMPARE = List.of(Metric.CE_MINUS_H, Metric.NORM_L, Metric.GAP_L_LMM, Metric.GAP_LRES_LMM,
            Metric.F_RECOVERY_REL, Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.IMBALANCE, Metric.SSIM_CONTEXTS, Metric.COLLAPSE_COS_MM,
            Metric.COLLAPSE_NC1_MM);

    static boolean logY(Metric m) {
        return switch (m) {
            case SSIM_CONTEXTS, SSIM_WORDS, SSIM_CONTEXTS_STILDE, SSIM_WORDS_STILDE, COLLAPSE_COS_MM, COLLAPSE_COS_RAW,
                    COLLAPSE_COS_REST, RANK_L, COMPONENT_DIM -> false;
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
