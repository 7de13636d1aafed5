package org.ntpgeo.geometry;

import java.util.Arrays;

/**
 * The metrics of one checkpoint: a value per {@link Metric} (NaN when not available) and, for every NaN, the
 * reason, so that no NaN reaches a report without an explanation.
 */
public final class CheckpointMetrics {
    public final long epoch;
    private final double[] values = new double[Metric.values().length];
    private final String[] reasons = new String[Metric.values().length];
    private double[] collapseNull = new double[0];

    public CheckpointMetrics(long epoch) {
        this.epoch = epoch;
        Arrays.fill(values, Double.NaN);
        Arrays.fill(reasons, "not computed");
    }

    /** Set a value; a non-finite value gets {@code reasonIfNaN} (or a generic reason). */
    public void set(Metric m, double v, String reasonIfNaN) {
        values[m.ordinal()] = v;
        reasons[m.ordinal()] = Double.isFinite(v) ? null : (reasonIfNaN == null ? "non-finite result" : reasonIfNaN);
        if (!Double.isFinite(v)) values[m.ordinal()] = Double.NaN;
    }

    public void set(Metric m, double v) {
        set(m, v, null);
    }

    public void setNa(Metric m, String reason) {
        values[m.ordinal()] = Double.NaN;
        reasons[m.ordinal()] = reason;
    }

    public double get(Metric m) {
        return values[m.ordinal()];
    }

    public boolean has(Metric m) {
        return Double.isFinite(values[m.ordinal()]);
    }

    /** The C4 statistic under each permutation of the class labels (empty when not computed). */
    public double[] collapseNull() {
        return collapseNull.clone();
    }

    public void setCollapseNull(double[] values) {
        collapseNull = values.clone();
    }

    /** Why the value is missing, or null when it is present. */
    public String reason(Metric m) {
        return reasons[m.ordinal()];
    }
}
