package org.ntpgeo.geometry;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;
import org.ntpgeo.theory.ClosedForms;

/**
 * The theory objects a run is measured against (theory.md): L_in, S~ and L_mm with their thin SVDs truncated
 * to their ranks (U Sigma V^T), and a note on where L_mm came from.
 *
 * @param lmmSource human-readable origin of L_mm (solver, file, or S~ certified by Prop. 3)
 */
public record TheoryReference(NtpDataset dataset, Matrix lin, Matrix sTilde, Spectral sTildeSvd, Matrix lmm,
                              Spectral lmmSvd, String lmmSource) {

    /** A rank-r thin SVD U diag(s) V^T (U: rows x r, V: cols x r). */
    public record Spectral(Matrix u, double[] s, Matrix v) {
        public int rank() {
            return s.length;
        }

        public double nuclearNorm() {
            double t = 0;
            for (double x : s) t += x;
            return t;
        }

        /** Truncated SVD of {@code a}; {@code rank < 0} means the numerical rank (LAPACK convention). */
        public static Spectral of(Matrix a, int rank) {
            Svd svd = Svd.of(a);
            int r = rank >= 0 ? Math.min(rank, svd.s.length) : ClosedForms.numericalRank(svd.s, a.rows, a.cols);
            double[] s = java.util.Arrays.copyOf(svd.s, r);
            return new Spectral(svd.u.columns(0, r), s, svd.v.columns(0, r));
        }
    }

    /**
     * Build the references for {@code ds} with a given L_mm (its rank: {@code lmmRank >= 0} as reported by the
     * solver, or -1 for the numerical rank).
     */
    public static TheoryReference of(NtpDataset ds, Matrix lmm, int lmmRank, String lmmSource) {
        if (lmm.rows != ds.vocabSize() || lmm.cols != ds.contextCount()) {
            throw new org.ntpgeo.common.UserError("L_mm is " + lmm.rows + "x" + lmm.cols + " but the dataset is V="
                    + ds.vocabSize() + ", m=" + ds.contextCount());
        }
        if (!lmm.isFinite()) throw new org.ntpgeo.common.UserError("L_mm has NaN or infinite entries (" + lmmSource + ")");
        Matrix st = ClosedForms.centeredSupport(ds);
        Spectral sts = Spectral.of(st, -1);
        // when L_mm is S~ (certificate), reuse its SVD: one SVD fewer on large sets
        Spectral mm = java.util.Arrays.equals(st.data, lmm.data) && (lmmRank < 0 || lmmRank == sts.rank()) ? sts : Spectral.of(lmm, lmmRank);
        return new TheoryReference(ds, ClosedForms.lin(ds), st, sts, lmm, mm, lmmSource);
    }

    /** P_F(L) (theory.md "Subspace F"). */
    public Matrix projectF(Matrix l) {
        return ClosedForms.projectF(dataset, l);
    }
}
