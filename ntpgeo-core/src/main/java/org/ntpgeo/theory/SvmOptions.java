package org.ntpgeo.theory;

import org.ntpgeo.common.ProgressListener;

/**
 * Options of {@link NtpSvmSolver}; start from {@link #defaults()} and change fields with the {@code with...}
 * methods.
 *
 * @param gapTolerance         stop when the certified relative duality gap (p - d) / p is at most this (1e-6)
 * @param feasibilityTolerance largest accepted primal violation (equality spread, margin shortfall) (1e-7)
 * @param maxIterations        ADMM iteration cap (status "not converged" when reached)
 * @param timeLimitSeconds     wall-clock cap (status "not converged" when reached); 0 or less = none
 * @param verbose              send the convergence trace to {@code progress}
 * @param progress             where the progress and the trace go ({@link ProgressListener#NONE}: nowhere)
 * @param formulation          support classes (default) or one column per context
 * @param rhoScale             initial ADMM penalty rho = rhoScale * min(V, columns) / ||S~||_* (0.5 measured best of 0.25..4)
 * @param relaxation           ADMM over-relaxation factor in (0, 2) (1 = plain ADMM; 1.6 saved ~35% of the iterations)
 */
public record SvmOptions(double gapTolerance, double feasibilityTolerance, int maxIterations, double timeLimitSeconds,
                         boolean verbose, ProgressListener progress, SvmFormulation formulation, double rhoScale, double relaxation) {
    public SvmOptions {
        if (!(gapTolerance > 0) || !(feasibilityTolerance > 0)) throw new IllegalArgumentException("tolerances must be > 0");
        if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must be >= 0");
        if (progress == null) throw new IllegalArgumentException("progress must be given (ProgressListener.NONE for none)");
        if (formulation == null) throw new IllegalArgumentException("formulation must be given");
        if (!(rhoScale > 0) || Double.isInfinite(rhoScale)) throw new IllegalArgumentException("rhoScale must be a finite number > 0");
        if (!(relaxation > 0 && relaxation < 2)) throw new IllegalArgumentException("relaxation must lie in (0, 2)");
    }

    public static SvmOptions defaults() {
        return new SvmOptions(1e-6, 1e-7, 20000, 0, false, ProgressListener.NONE, SvmFormulation.CLASSES, 0.5, 1.6);
    }

    public SvmOptions withGapTolerance(double g) {
        return new SvmOptions(g, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, progress, formulation, rhoScale, relaxation);
    }

    public SvmOptions withFeasibilityTolerance(double f) {
        return new SvmOptions(gapTolerance, f, maxIterations, timeLimitSeconds, verbose, progress, formulation, rhoScale, relaxation);
    }

    public SvmOptions withMaxIterations(int n) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, n, timeLimitSeconds, verbose, progress, formulation, rhoScale, relaxation);
    }

    public SvmOptions withTimeLimit(double seconds) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, seconds, verbose, progress, formulation, rhoScale, relaxation);
    }

    public SvmOptions withVerbose(boolean v) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, v, progress, formulation, rhoScale, relaxation);
    }

    public SvmOptions withProgress(ProgressListener p) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, p, formulation, rhoScale, relaxation);
    }

    public SvmOptions withFormulation(SvmFormulation f) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, progress, f, rhoScale, relaxation);
    }

    public SvmOptions withRhoScale(double s) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, progress, formulation, s, relaxation);
    }

    public SvmOptions withRelaxation(double a) {
        return new SvmOptions(gapTolerance, feasibilityTolerance, maxIterations, timeLimitSeconds, verbose, progress, formulation, rhoScale, a);
    }

    /** The options that change the result, snake_case (for provenance blocks). */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var o = org.ntpgeo.io.Json.object();
        o.put("gap_tolerance", gapTolerance);
        o.put("feasibility_tolerance", feasibilityTolerance);
        o.put("max_iterations", maxIterations);
        o.put("time_limit_seconds", timeLimitSeconds);
        o.put("formulation", formulation.id());
        o.put("rho_scale", rhoScale);
        o.put("relaxation", relaxation);
        return o;
    }
}
