package org.ntpgeo.theory;

import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;

/**
 * Memory estimates of the theory solvers, for {@link Preflight} checks before they start: counts of the V x m
 * float64 matrices they hold at their peak (keep in step with {@link NtpSvmSolver} and {@link RegularizationPath}).
 */
public final class SolverMemory {
    /** NTP-SVM*: S~, the polar factor A, the dual point, the ADMM iterates X, Y, Z, Z_old, U, the best Z and dual, and an SVD (about 4). */
    static final int SVM_MATRICES = 14;
    /** The path: L_in, L_mm, the iterate, momentum point, gradient, step, proximal point, difference, warm start, an SVD (about 4). */
    static final int PATH_MATRICES = 13;

    private SolverMemory() {}

    /** {@code solve svm} on {@code ds}. */
    public static Preflight.Estimate svm(NtpDataset ds) {
        long v = ds.vocabSize(), m = ds.contextCount();
        Preflight.denseMatrix("solve svm", "V x m", v, m, "use a smaller dataset");
        return Preflight.estimate("solve svm", "a smaller dataset (data build --max-contexts, --vocab-size)").heap(SVM_MATRICES + " V x m float64 matrices",
                Preflight.multiply("the solver's matrices", SVM_MATRICES, 8, v, m));
    }

    /** {@code solve path} with {@code lambdas} points kept (each a V x m matrix), solving L_mm first when {@code withSvm}. */
    public static Preflight.Estimate path(NtpDataset ds, int lambdas, boolean withSvm) {
        long v = ds.vocabSize(), m = ds.contextCount();
        Preflight.denseMatrix("solve path", "V x m", v, m, "use a smaller dataset");
        long matrices = Math.max(PATH_MATRICES, withSvm ? SVM_MATRICES : 0) + (long) lambdas;
        return Preflight.estimate("solve path", "fewer {lambdas} or a smaller dataset").heap(matrices + " V x m float64 matrices (" + lambdas + " kept for the output)",
                Preflight.multiply("the path's matrices", matrices, 8, v, m));
    }
}
