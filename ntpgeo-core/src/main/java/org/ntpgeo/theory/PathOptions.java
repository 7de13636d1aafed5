package org.ntpgeo.theory;

import org.ntpgeo.linalg.Matrix;

/**
 * Options of {@link RegularizationPath}.
 *
 * @param tolerance              stop a lambda when the proximal-gradient residual ||G||_F <= tolerance * lambda
 *                               (G = L_f (L - prox(L - grad/L_f)); zero exactly at the minimiser)
 * @param maxIterationsPerLambda iteration cap per lambda (the point is then marked not converged)
 * @param timeLimitSeconds       overall wall-clock cap (remaining lambdas are skipped); 0 or less = none
 * @param lmm                    L_mm if already known (e.g. from {@code solve svm}); null = solve it here
 * @param progress               progress bar on stderr
 * @param verbose                per-lambda log on stderr
 */
public record PathOptions(double tolerance, int maxIterationsPerLambda, double timeLimitSeconds, Matrix lmm,
                          boolean progress, boolean verbose) {
    public static PathOptions defaults() {
        return new PathOptions(1e-4, 20000, 0, null, false, false);
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

    public PathOptions withProgress(boolean p) {
        return new PathOptions(tolerance, maxIterationsPerLambda, timeLimitSeconds, lmm, p, verbose);
    }

    public PathOptions withVerbose(boolean v) {
        return new PathOptions(tolerance, maxIterationsPerLambda, timeLimitSeconds, lmm, progress, v);
    }
}
