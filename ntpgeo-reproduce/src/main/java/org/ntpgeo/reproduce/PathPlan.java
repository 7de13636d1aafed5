package org.ntpgeo.reproduce;

/**
 * The regularisation path an experiment solves (claims C1/C2 on the convex problem itself).
 *
 * @param lambdas          decreasing lambdas
 * @param timeLimitSeconds wall-clock cap (later lambdas are skipped and the report says so)
 * @param maxIterations    iteration cap per lambda
 */
public record PathPlan(double[] lambdas, double timeLimitSeconds, int maxIterations) {
    /** {@code n} log-spaced lambdas from hi down to lo. */
    public static PathPlan logSpaced(double hi, double lo, int n, double timeLimitSeconds, int maxIterations) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) l[i] = n == 1 ? hi : Math.exp(Math.log(hi) + (Math.log(lo) - Math.log(hi)) * i / (n - 1));
        return new PathPlan(l, timeLimitSeconds, maxIterations);
    }
}
