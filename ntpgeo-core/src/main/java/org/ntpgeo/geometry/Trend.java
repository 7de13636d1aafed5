package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trend of a metric over the last half of a run's logged checkpoints: the least-squares line of the value
 * against log10(epoch) (checkpoints are log-spaced), its slope, the slope's standard error and t = slope / se.
 * Uses the last ceil(n/2) checkpoints with epoch >= 1 and a finite value; undefined (NaN) with fewer than
 * {@link #MIN_POINTS}. A metric is "heading for" a threshold when the slope points that way with
 * |t| >= {@link #MIN_T} (a zero standard error, i.e. points exactly on a line, counts as significant) AND the
 * fitted line, extended by {@link #HORIZON_DECADES} decade of epochs beyond the last checkpoint (10x the training),
 * reaches the threshold: a slope that is significant but would need many more decades is not a trend towards it.
 *
 * @param points       checkpoints used
 * @param fittedAtEnd  the fitted line at the last checkpoint used
 */
public record Trend(double slope, double standardError, int points, long fromEpoch, long toEpoch, double fittedAtEnd) {
    /** Fewest points a trend is fitted to. */
    public static final int MIN_POINTS = 3;
    /** |slope / se| needed to call a trend significant. */
    public static final double MIN_T = 2.0;
    /** How far (decades of epochs) the fitted line is extended to see whether it reaches the threshold. */
    public static final double HORIZON_DECADES = 1.0;

    public static Trend of(List<CheckpointMetrics> series, Metric m) {
        int n = series.size();
        List<double[]> xy = new ArrayList<>();
        long from = -1, to = -1;
        for (int i = n / 2; i < n; i++) {
            CheckpointMetrics cm = series.get(i);
            if (cm.epoch < 1 || !cm.has(m)) continue;
            xy.add(new double[] {Math.log10(cm.epoch), cm.get(m)});
            if (from < 0) from = cm.epoch;
            to = cm.epoch;
        }
        if (xy.size() < MIN_POINTS) return new Trend(Double.NaN, Double.NaN, xy.size(), from, to, Double.NaN);
        double mx = 0, my = 0;
        for (double[] p : xy) {
            mx += p[0];
            my += p[1];
        }
        mx /= xy.size();
        my /= xy.size();
        double sxx = 0, sxy = 0;
        for (double[] p : xy) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        if (!(sxx > 0)) return new Trend(Double.NaN, Double.NaN, xy.size(), from, to, Double.NaN);
        double slope = sxy / sxx, rss = 0;
        for (double[] p : xy) {
            double r = p[1] - my - slope * (p[0] - mx);
            rss += r * r;
        }
        double se = Math.sqrt(rss / (xy.size() - 2) / sxx);
        double xLast = xy.get(xy.size() - 1)[0];
        return new Trend(slope, se, xy.size(), from, to, my + slope * (xLast - mx));
    }

    public boolean defined() {
        return Double.isFinite(slope);
    }

    /** Significantly decreasing. */
    public boolean falling() {
        return defined() && slope < 0 && (standardError == 0 || slope / standardError <= -MIN_T);
    }

    /** Significantly increasing. */
    public boolean rising() {
        return defined() && slope > 0 && (standardError == 0 || slope / standardError >= MIN_T);
    }

    /** The fitted line one horizon beyond the last checkpoint. */
    public double projected() {
        return fittedAtEnd + slope * HORIZON_DECADES;
    }

    /** Significantly decreasing, and projected to reach {@code threshold} (or below) within the horizon. */
    public boolean fallingTo(double threshold) {
        return falling() && projected() <= threshold;
    }

    /** Significantly increasing, and projected to reach {@code threshold} (or above) within the horizon. */
    public boolean risingTo(double threshold) {
        return rising() && projected() >= threshold;
    }

    public String describe() {
        if (!defined()) return "trend n/a (" + points + " checkpoint" + (points == 1 ? "" : "s") + " with epoch >= 1 in the last half, "
                + MIN_POINTS + " needed)";
        String t = standardError == 0 ? "exact line" : String.format(Locale.ROOT, "t = %.1f", slope / standardError);
        return "slope " + Claims.fmt(slope) + " per decade of epochs over epochs " + fromEpoch + "-" + toEpoch + " (" + points
                + " checkpoints, " + t + "; the fitted line is at " + Claims.fmt(projected()) + " at 10x the epochs)";
    }
}
