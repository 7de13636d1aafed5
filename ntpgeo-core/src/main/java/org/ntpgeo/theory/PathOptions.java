package org.ntpgeo.theory;

import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.linalg.Matrix;

/**
 * Options of {@link RegularizationPath}.
 *
 * @param tolerance              stop a lambda when the proximal-gradient residual ||G||_F <= tolerance * lambda
 *                               (G = L_f (L - prox(L - grad/L_f)); zero exactly at the minimiser)
 * @param maxIterationsPerLambda iteration cap per lambda (the point is then marked not converged)
 * @param timeLimitSeconds       overall wall-clock cap (the first lambda always starts): the lambda in progress stops (its point is kept, not converged) and the remaining lambdas are skipped; 0 or less = none
 * @param lmm                    L_mm if already known (e.g. from {@code solve svm}); null = solve it here
 * @param progress               where the progress and the per-lambda log go ({@link ProgressListener#NONE}: nowhere)
 * @param verbose                send a per-lambda log line to {@code progress}
 */
public record PathOptions(double tolerance, int maxIterationsPerLambda, double timeLimitSeconds, Matrix lmm,
                          ProgressListener progress, boolean verbose) {
    public static PathOptions defaults() {
        return new PathOptions(1e-4, 20000, 0, null, ProgressListener.NONE, false);
    }

    public PathOptions withLmm(Matrix l) {
        return new PathOptions(tolerance, maxIterationsPerLambda, timeLimitSeconds, l, progress, verbose);
    }

    public PathOptions withTolerance(double t) {
        return new PathOptions(t, maxIterationsPerLambda, timeLimitSeconds, lmm, progress, verbose);
    }

    public PathOptions withMaxIterations(int n) {
        return new PathOptions(tolerance, n, timeLimitSeconds, lmm, progress, verbose);
    }

    public PathOptions withTimeLimit(double s) {
        return new PathOptions(tolerance, maxIterationsPerLambda, s, lmm, progress, verbose);
    }

    public PathOptions withProgress(ProgressListener p) {
        return new PathOptions(tolerance, maxIterationsPerLambda, timeLimitSeconds, lmm, p, verbose);
    }

    public PathOptions withVerbose(boolean v) {
        return new PathOptions(tolerance, maxIterationsPerLambda, timeLimitSeconds, lmm, progress, v);
    }

    /** The options that change the result, snake_case (for provenance blocks). */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var o = org.ntpgeo.io.Json.object();
        o.put("tolerance", tolerance);
        o.put("max_iterations_per_lambda", maxIterationsPerLambda);
        o.put("time_limit_seconds", timeLimitSeconds);
        o.put("lmm_given", lmm != null);
        return o;
    }
}
