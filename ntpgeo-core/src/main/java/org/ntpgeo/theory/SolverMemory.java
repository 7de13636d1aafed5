package org.ntpgeo.theory;

import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;

/**
 * Memory estimates of the theory solvers, for {@link Preflight} checks before they start: counts of the float64
 * matrices they hold at their peak (keep in step with {@link NtpSvmSolver} and {@link RegularizationPath}).
 */
public final class SolverMemory {
    /**
     * NTP-SVM* on its problem (V x C for the support classes, V x m for the full formulation): S~ (later the best Z),
     * the polar factor A (later U), the best dual, a dual buffer, the ADMM iterates X, Z and Z - U, the temporaries
     * of an SVD (about 4) and the class-level result.
     */
    static final int SVM_MATRICES = 12;
    /** NTP-SVM*'s off-heap operand and result of the Gram-based SVT. */
    static final int SVM_NATIVE_MATRICES = 2;
    /** The path: L_in, L_mm, the iterate, momentum point, gradient, step, proximal point, difference, warm start, an SVD (about 4). */
    static final int PATH_MATRICES = 13;

    private SolverMemory() {}

    /** {@code solve svm} on {@code ds} with the default formulation (support classes). */
    public static Preflight.Estimate svm(NtpDataset ds) {
        return svm(ds, SvmFormulation.CLASSES);
    }

    /** {@code solve svm} on {@code ds}: V x C matrices for the support classes, V x m for the full formulation. */
    public static Preflight.Estimate svm(NtpDataset ds, SvmFormulation formulation) {
        boolean full = formulation == SvmFormulation.FULL;
        long v = ds.vocabSize(), cols = full ? ds.contextCount() : ds.supportClassCount();
        String shape = full ? "V x m" : "V x C";
        Preflight.denseMatrix("solve svm", shape, v, cols, "use a smaller dataset");
        return Preflight.estimate("solve svm", "a smaller dataset (data build --max-contexts, --vocab-size)")
                .heap(SVM_MATRICES + " " + shape + " float64 matrices", Preflight.multiply("the solver's matrices", SVM_MATRICES, 8, v, cols))
                .nativeMemory(SVM_NATIVE_MATRICES + " " + shape + " off-heap buffers",
                        Preflight.multiply("the solver's buffers", SVM_NATIVE_MATRICES, 8, v, cols));
    }

    /**
     * {@code solve path} with {@code lambdas} points kept (each a V x m matrix). When L_mm is solved first
     * ({@code withSvm}) that happens on the support classes before the path allocates anything, with at most
     * {@link #SVM_MATRICES} V x C <= V x m matrices, fewer than the path's own.
     */
    public static Preflight.Estimate path(NtpDataset ds, int lambdas, boolean withSvm) {
        long v = ds.vocabSize(), m = ds.contextCount();
        Preflight.denseMatrix("solve path", "V x m", v, m, "use a smaller dataset");
        long matrices = PATH_MATRICES + (long) lambdas; // L_mm is solved on the support classes before the path starts
        return Preflight.estimate("solve path", "fewer {lambdas} or a smaller dataset").heap(matrices + " V x m float64 matrices (" + lambdas + " kept for the output)",
                Preflight.multiply("the path's matrices", matrices, 8, v, m));
    }
}
