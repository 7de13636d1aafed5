package org.ntpgeo.linalg;

/** The stable log-sum-exp: log sum_i exp(x_i) = max + log sum_i exp(x_i - max), so no term overflows. */
public final class LogSumExp {
    private LogSumExp() {}

    /** log sum exp of {@code x[off, off+n)} (n >= 1); NaN when the maximum is infinite. */
    public static double of(double[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[off + i] - max);
        return max + Math.log(sum);
    }
}
