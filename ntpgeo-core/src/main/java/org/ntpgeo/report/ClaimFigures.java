package org.ntpgeo.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ntpgeo.geometry.CheckpointMetrics;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.Metric;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.SubspaceCollapse;

/** The two figures behind the verdicts: C4's null distribution, and the run placed on the regularisation path. */
final class ClaimFigures {
    private ClaimFigures() {}

    /**
     * Histogram of the C4 statistic under the shuffled-label permutations of the final checkpoint, with the measured
     * statistic, the member-to-non-member cosine, the pass line 0.9 and the margin line (null mean + max(3 sd, 0.1))
     * marked. Null when C4 was not measured.
     */
    static Figure collapseNull(RunAnalysis a) {
        CheckpointMetrics last = a.last();
        double[] nulls = Arrays.stream(a.snapshot().collapseNull()).filter(Double::isFinite).toArray();
        if (nulls.length == 0 || !last.has(Metric.COLLAPSE_COS)) return null;
        double measured = last.get(Metric.COLLAPSE_COS), mean = last.get(Metric.COLLAPSE_NULL_MEAN), sd = last.get(Metric.COLLAPSE_NULL_SD);
        double margin = mean + Math.max(Claims.C4_MIN_NULL_SDS * sd, Claims.C4_MIN_MARGIN);
        double lo = Math.min(-1, Arrays.stream(nulls).min().getAsDouble()), hi = 1;
        int bins = 40;
        double width = (hi - lo) / bins;
        int[] counts = new int[bins];
        for (double v : nulls) counts[Math.min(bins - 1, (int) Math.floor((v - lo) / width))]++;
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        int top = 0;
        for (int b = 0; b < bins; b++) {
            xs.add(lo + b * width);
            ys.add((double) counts[b]);
            xs.add(lo + (b + 1) * width);
            ys.add((double) counts[b]);
            top = Math.max(top, counts[b]);
        }
        XYChart chart = LineCharts.styled("C4: measured alignment against the shuffled-label null", "mean within-class cosine (projected off T_S)",
                "permutations", false, false);
        XYSeries hist = chart.addSeries("null: " + nulls.length + " permutations of the class labels", xs, ys);
        style(hist, LineCharts.colour(8), false);
        double h = top + 1;
        vertical(chart, "measured: " + Claims.fmt(measured), measured, h, LineCharts.colour(1), false);
        double nm = last.get(Metric.COLLAPSE_COS_NONMEMBER);
        if (Double.isFinite(nm)) vertical(chart, "member-to-non-member: " + Claims.fmt(nm), nm, h, LineCharts.colour(0), true);
        vertical(chart, "null mean + max(3 sd, 0.1): " + Claims.fmt(margin), margin, h, LineCharts.colour(3), true);
        vertical(chart, "pass line " + Claims.C4_MIN_COSINE, Claims.C4_MIN_COSINE, h, LineCharts.colour(2), true);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        String caption = "Final checkpoint (epoch " + last.epoch + "): the C4 statistic (mean over " + Claims.fmt(last, Metric.COLLAPSE_CLASSES)
                + " support classes of the mean pairwise cosine of h_j projected off T_S) recomputed after permuting the class labels among the "
                + "contexts of those classes (" + SubspaceCollapse.NULL_SHUFFLES + " seeded permutations, each context projected with the T_S of its "
                + "new label; grey histogram), the measured value (red), the member-to-non-member cosine under the same projections (blue, dashed), "
                + "the margin the rule needs over the null (orange, dashed) and the pass line 0.9 (green, dashed). Pass needs the red line right of "
                + "both dashed lines on the right.";
        return new Figure("c4-null", "C4 null distribution", caption, LineCharts.png(chart), LineCharts.svg(chart), LineCharts.WIDTH, LineCharts.HEIGHT);
    }

    /**
     * The run's checkpoints and the regularisation path in one plane: x = ||Lc||_F (log), y = gap(Lc, L_mm). Null when
     * there is no path with a non-zero point.
     */
    static Figure pathPosition(RunAnalysis a) {
        PathReference path = a.path();
        List<Double> px = new ArrayList<>(), py = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (PathReference.Point p : path.points()) {
            if (p.norm() > 0 && Double.isFinite(p.gapLmm())) {
                px.add(p.norm());
                py.add(p.gapLmm());
                labels.add(Claims.fmt(p.lambda()));
            }
        }
        if (px.isEmpty()) return null;
        List<Double> rx = new ArrayList<>(), ry = new ArrayList<>();
        for (CheckpointMetrics cm : a.series()) {
            if (cm.has(Metric.NORM_L_CENTRED) && cm.has(Metric.GAP_L_LMM) && cm.get(Metric.NORM_L_CENTRED) > 0) {
                rx.add(cm.get(Metric.NORM_L_CENTRED));
                ry.add(cm.get(Metric.GAP_L_LMM));
            }
        }
        XYChart chart = LineCharts.styled("Checkpoints placed on the regularisation path", "||Lc||_F (log scale)", "gap(Lc, L_mm)", true, false);
        XYSeries ps = chart.addSeries("path L_lambda, lambda = " + labels.get(0) + " .. " + labels.get(labels.size() - 1), px, py);
        style(ps, LineCharts.colour(0), false);
        ps.setMarker(SeriesMarkers.DIAMOND);
        if (!rx.isEmpty()) {
            XYSeries rs = chart.addSeries("run " + a.run().label() + " (" + rx.size() + " checkpoints, last marked)", rx, ry);
            style(rs, LineCharts.colour(1), false);
            rs.setMarker(rx.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            XYSeries lastPt = chart.addSeries("last checkpoint (epoch " + a.last().epoch + ")", List.of(rx.get(rx.size() - 1)), List.of(ry.get(ry.size() - 1)));
            lastPt.setMarker(SeriesMarkers.SQUARE);
            lastPt.setMarkerColor(Color.BLACK);
            lastPt.setLineStyle(new BasicStroke(0f));
        }
        PathReference.Target t = a.context().target();
        if (t != null && t.available()) {
            XYSeries ts = chart.addSeries("L_lambda at the run's lambda = " + Claims.fmt(t.lambda()), List.of(t.point().norm()), List.of(t.point().gapLmm()));
            ts.setMarker(SeriesMarkers.TRIANGLE_UP);
            ts.setMarkerColor(LineCharts.colour(2));
            ts.setLineStyle(new BasicStroke(0f));
        }
        StringBuilder lams = new StringBuilder();
        for (int i = 0; i < px.size(); i++) lams.append(i == 0 ? "" : ", ").append(labels.get(i)).append(" at ").append(Claims.fmt(px.get(i)));
        String caption = "Each path point L_lambda (blue diamonds; lambda decreases to the right: " + lams + ") and each checkpoint of the run (red) "
                + "placed by the norm of its centred logits (x, log scale) and its direction gap to L_mm (y). Theory (C1): the path moves right and "
                + "down slowly (logarithmically in 1/lambda); gradient methods are expected to follow it. "
                + (t != null && t.available() ? "The green triangle is the path point at the run's own weight decay: the theory's prediction for this run. "
                : "") + "Points with L = 0 (epoch 0 or large lambda) are not drawn. " + a.path().description() + ".";
        return new Figure("path-position", "Checkpoints on the regularisation path", caption, LineCharts.png(chart), LineCharts.svg(chart),
                LineCharts.WIDTH, LineCharts.HEIGHT);
    }

    private static void style(XYSeries s, Color c, boolean dashed) {
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f) : new BasicStroke(2f));
    }

    private static void vertical(XYChart chart, String name, double x, double height, Color c, boolean dashed) {
        XYSeries s = chart.addSeries(name, List.of(x, x), List.of(0.0, height));
        style(s, c, dashed);
    }
}
