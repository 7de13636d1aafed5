package org.ntpgeo.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts (XChart) with named axes, optional log scales, PNG and SVG output. */
public final class LineCharts {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 500;
    /** Smallest max/min ratio of the data for which a requested log y axis is used (else linear): XChart labels only powers of ten, and a range of 100x always contains two. */
    static final double MIN_LOG_RANGE = 100;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22)};

    private LineCharts() {}

    /** A curve: x and y of equal length; non-finite points (and non-positive ones on log axes) are dropped. */
    public record Series(String name, double[] x, double[] y) {}

    /**
     * Build the chart. Returns null when no series has a drawable point (the caller shows "n/a"). The caption
     * gets a remark when points had to be dropped.
     */
    public static Figure chart(String name, String title, String xLabel, String yLabel, boolean logX, boolean logYRequested,
                               List<Series> series, String caption) {
        // a log y axis labels only powers of ten: over less than ~1.3 decades it would show one label or none
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Series s : series) for (int i = 0; i < s.y().length; i++) {
            double y = s.y()[i];
            if (Double.isFinite(y) && y > 0 && (!logX || s.x()[i] > 0)) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        boolean logY = logYRequested && hi > 0 && hi / lo >= MIN_LOG_RANGE;
        XYChart chart = styled(title, xLabel, yLabel + (logY ? " (log scale)" : ""), logX, logY);
        int dropped = 0, zeroX = 0, drawn = 0, c = 0;
        List<String> empty = new ArrayList<>();
        for (Series s : series) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i], y = s.y()[i];
                boolean ok = Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
                if (ok) {
                    xs.add(x);
                    ys.add(y);
                } else if (logX && x == 0 && Double.isFinite(y)) {
                    zeroX++;
                } else {
                    dropped++;
                }
            }
            if (xs.isEmpty()) {
                empty.add(s.name());
                continue;
            }
            XYSeries xy = chart.addSeries(s.name(), xs, ys);
            xy.setLineColor(PALETTE[c % PALETTE.length]);
            xy.setMarkerColor(PALETTE[c % PALETTE.length]);
            xy.setMarker(xs.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            xy.setLineStyle(s.name().contains("S~") ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2f));
            c++;
            drawn++;
        }
        if (drawn == 0) return null;
        String cap = caption;
        if (logYRequested && !logY) cap += " (Linear y axis: the values span less than " + (int) MIN_LOG_RANGE + "x.)";
        if (zeroX > 0) cap += " Epoch 0 cannot be placed on the log epoch axis and is not drawn.";
        if (dropped > 0) {
            cap += " " + dropped + " point(s) not drawn (n/a" + (logX || logY ? ", or not positive on a log axis" : "") + ").";
        }
        if (series.stream().anyMatch(x -> x.name().contains("S~"))) cap += " Dashed curves: against S~.";
        if (!empty.isEmpty()) cap += " No drawable points for: " + String.join(", ", empty) + ".";
        return new Figure(name, title, cap, png(chart), svg(chart), WIDTH, HEIGHT);
    }

    /** An empty chart in the house style (white background, legend below, fixed fonts). */
    static XYChart styled(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler st = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        return chart;
    }

    /** The i-th colour of the palette. */
    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] svg(XYChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
