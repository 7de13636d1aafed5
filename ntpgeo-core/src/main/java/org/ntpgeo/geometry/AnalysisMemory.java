package org.ntpgeo.geometry;

import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.theory.SolverMemory;

/**
 * Memory estimate of analysing runs ({@code analyze}, {@code report compare}) for a {@link Preflight} check before
 * the work starts: the theory references (L_in, S~, L_mm and their thin SVDs) and one checkpoint at a time (W, H, L,
 * W H, P_F(L) and the temporaries of the direction gaps), about 16 V x m float64 matrices, or NTP-SVM* first when
 * L_mm must be solved.
 */
public final class AnalysisMemory {
    static final int MATRICES = 16;

    private AnalysisMemory() {}

    public static Preflight.Estimate estimate(NtpDataset ds, boolean solvesSvm) {
        long v = ds.vocabSize(), m = ds.contextCount();
        Preflight.denseMatrix("analyze", "V x m", v, m, "use a smaller dataset");
        long bytes = Preflight.multiply("the analysis matrices", MATRICES, 8, v, m);
        if (solvesSvm) bytes = Math.max(bytes, SolverMemory.svm(ds).heapBytes());
        return Preflight.estimate("analyze", "a smaller dataset").heap(MATRICES + " V x m float64 matrices", bytes);
    }
}
