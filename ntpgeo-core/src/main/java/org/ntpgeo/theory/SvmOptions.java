package org.ntpgeo.theory;

/**
 * Options of {@link NtpSvmSolver}.
 *
 * @param gapTolerance         stop when the certified relative duality gap (p - d) / p is at most this (1e-6)
 * @param feasibilityTolerance largest accepted primal violation (equality spread, margin shortfall) (1e-7)
 * @param maxIterations        ADMM iteration cap (status "not converged" when reached)
 * @param timeLimitSeconds     wall-clock cap (status "not converged" when reached); 0 or less = none
 * @param verbose              log the convergence trace to stderr
 * @param progress             show a progress bar on stderr
 */
public record SvmOptions(double gapTolerance, double feasibilityTolerance, int maxIterations, double timeLimitSeconds,
                         boolean verbose, boolean progress) {
    public SvmOptions {
        if (!(gapTolerance > 0) || !(feasibilityTolerance > 0)) throw new IllegalArgumentException("tolerances must be > 0");
        if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must be >= 0");
    }

    public static SvmOptions defaults() {
        return new SvmOptions(1e-6, 1e-7, 20000, 0, false, false);
    }

    public SvmOptions withGapTolerance(double g) {
        return new SvmOptions(g, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, progress);
    }

    public SvmOptions withMaxIterations(int n) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, n, timeLimitSeconds, verbose, progress);
    }

    public SvmOptions withTimeLimit(double seconds) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, seconds, verbose, progress);
    }

    public SvmOptions withVerbose(boolean v) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, v, progress);
    }

    public SvmOptions withProgress(boolean p) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, p);
    }
}
