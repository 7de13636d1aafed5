package org.ntpgeo.geometry;

import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.theory.SolverMemory;

/**
 * Memory estimate of analysing runs ({@code analyze}, {@code report compare}) for a {@link Preflight} check before
 * the work starts. The references are held at support-class level ({@link TheoryReference}: L_mm and S~ as V x C
 * class columns with their SVDs, L_in sparse), so the V x m part is one checkpoint at a time: L (centred in place)
 * and H, twice while the next checkpoint file is decoded. The regularisation path, when one is solved, keeps its
 * points (V x m each, and a centred copy while they are converted) on top of the path solver's own matrices; NTP-SVM*,
 * when L_mm is solved here, runs before anything else is allocated.
 */
public final class AnalysisMemory {
    /** Copies of one checkpoint's L and H alive at once (the one analysed and the one being decoded). */
    static final int CHECKPOINT_COPIES = 2;
    /** V x C matrices of the class-level references and their SVDs (S~, L_mm, weighted copies, SVD work space). */
    static final int CLASS_MATRICES = 8;

    private AnalysisMemory() {}

    /**
     * @param dim         the run's embedding dimension d (H is d x m; use V when unknown)
     * @param solvesSvm   L_mm is solved here (no {@code --svm})
     * @param pathLambdas regularisation path points solved here (0 = no path)
     */
    public static Preflight.Estimate estimate(NtpDataset ds, int dim, boolean solvesSvm, int pathLambdas) {
        long v = ds.vocabSize(), m = ds.contextCount(), c = ds.supportClassCount();
        Preflight.denseMatrix("analyze", "V x m", v, m, "use a smaller dataset");
        Preflight.Estimate e = Preflight.estimate("analyze", "a smaller dataset")
                .heap(CHECKPOINT_COPIES + " checkpoints' L and H (V x m and d x m float64)",
                        Preflight.multiply("the checkpoints", CHECKPOINT_COPIES, 8, v + Math.max(1, dim), m))
                .heap(CLASS_MATRICES + " V x C class-level matrices", Preflight.multiply("the class-level references", CLASS_MATRICES, 8, v, c))
                .heap("L_in (sparse) and the C4 permutations", Preflight.multiply("L_in", 8, ds.nonZeros())
                        + Preflight.multiply("the C4 permutations", 4, SubspaceCollapse.NULL_SHUFFLES + 4L, m));
        if (pathLambdas > 0) {
            e.heap("the regularisation path (" + pathLambdas + " points)", SolverMemory.path(ds, pathLambdas, false).heapBytes()
                    + Preflight.multiply("the path points", pathLambdas, 8, v, m));
        }
        if (solvesSvm && SolverMemory.svm(ds).heapBytes() > e.heapBytes()) return SolverMemory.svm(ds);
        return e;
    }
}
