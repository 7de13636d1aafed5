package org.ntpgeo.geometry;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;
import org.ntpgeo.theory.ClosedForms;

/**
 * The theory objects a run is measured against (theory.md): L_in (sparse: zero off the supports), S~ and L_mm at
 * support-class level ({@link ClassLevelMatrix}: V x C, never expanded to V x m here) with their thin SVDs
 * truncated to their ranks (U Sigma V^T, V kept per class), and a note on where L_mm came from.
 *
 * @param lmmSource human-readable origin of L_mm (solver, file, or S~ certified by Prop. 3)
 */
public record TheoryReference(NtpDataset dataset, InSupportLogits lin, ClassLevelMatrix sTilde, Spectral sTildeSvd, ClassLevelMatrix lmm,
                              Spectral lmmSvd, String lmmSource) {

    /**
     * A rank-r thin SVD U diag(s) V^T (U: rows x r; V: cols x r). When {@code vRowClass} is non-null, {@code v}
     * holds one row per class (C x r) and row j of V is row {@code vRowClass[j]} of {@code v} (a matrix whose
     * columns are constant within classes, {@link ClassLevelMatrix#svd}); use the accessors below, not {@code v}
     * directly, to stay independent of the representation.
     */
    public record Spectral(Matrix u, double[] s, Matrix v, int[] vRowClass) {
        public Spectral(Matrix u, double[] s, Matrix v) {
            this(u, s, v, null);
        }

        /** Right vectors given per class (see the record comment). */
        public static Spectral byClass(Matrix u, double[] s, Matrix vClass, int[] rowClass) {
            return new Spectral(u, s, vClass, rowClass.clone());
        }

        public int rank() {
            return s.length;
        }

        public double nuclearNorm() {
            double t = 0;
            for (double x : s) t += x;
            return t;
        }

        /** Rows of V (the right singular vectors). */
        public int contexts() {
            return vRowClass == null ? v.rows : vRowClass.length;
        }

        /** The given rows of V (n x r). */
        public Matrix vRows(int[] rows) {
            Matrix out = new Matrix(rows.length, v.cols);
            for (int t = 0; t < v.cols; t++) {
                for (int i = 0; i < rows.length; i++) out.data[i + t * rows.length] = v.data[row(rows[i]) + t * v.rows];
            }
            return out;
        }

        /** X V for X with one column per row of V (k x m): through the class sums X D when V is per class. */
        public Matrix timesV(Matrix x) {
            if (x.cols != contexts()) throw new IllegalArgumentException("X is " + x.rows + "x" + x.cols + ", V has " + contexts() + " rows");
            if (vRowClass == null) return Blas.multiply(x, v);
            Matrix sums = new Matrix(x.rows, v.rows);
            for (int j = 0; j < x.cols; j++) {
                int o = vRowClass[j] * x.rows, src = j * x.rows;
                for (int i = 0; i < x.rows; i++) sums.data[o + i] += x.data[src + i];
            }
            return Blas.multiply(sums, v);
        }

        /** V^T V' (r x r'), the inner products of two sets of right vectors over the same contexts. */
        public Matrix vTransposeTimesV(Spectral other) {
            if (other.contexts() != contexts()) throw new IllegalArgumentException("right vectors over " + contexts() + " and " + other.contexts() + " contexts");
            if (vRowClass == null) return other.timesV(v.transpose()); // (V^T) V'
            return timesV(other.vFull().transpose()).transpose(); // only when this one is per class and the other per context
        }

        /** V as an m x r matrix (expands a per-class V: for small problems and tests). */
        public Matrix vFull() {
            if (vRowClass == null) return v;
            int[] all = new int[vRowClass.length];
            for (int j = 0; j < all.length; j++) all[j] = j;
            return vRows(all);
        }

        private int row(int j) {
            return vRowClass == null ? j : vRowClass[j];
        }

        /** Truncated SVD of {@code a}; {@code rank < 0} means the numerical rank (LAPACK convention). */
        public static Spectral of(Matrix a, int rank) {
            Svd svd = Svd.of(a);
            int r = rank >= 0 ? Math.min(rank, svd.s.length) : ClosedForms.numericalRank(svd.s, a.rows, a.cols);
            double[] s = java.util.Arrays.copyOf(svd.s, r);
            return new Spectral(svd.u.columns(0, r), s, svd.v.columns(0, r));
        }
    }

    /** A full V x m L_mm (tests, benchmarks, old solver outputs): every context its own class. */
    public static TheoryReference of(NtpDataset ds, Matrix lmm, int lmmRank, String lmmSource) {
        return of(ds, ClassLevelMatrix.perContext(lmm), lmmRank, lmmSource);
    }

    /**
     * Build the references for {@code ds} with a given class-level L_mm (its rank: {@code lmmRank >= 0} as reported
     * by the solver, or -1 for the numerical rank).
     */
    public static TheoryReference of(NtpDataset ds, ClassLevelMatrix lmm, int lmmRank, String lmmSource) {
        if (lmm.rows() != ds.vocabSize() || lmm.cols() != ds.contextCount()) {
            throw new org.ntpgeo.common.UserError("L_mm is " + lmm.rows() + "x" + lmm.cols() + " but the dataset is V="
                    + ds.vocabSize() + ", m=" + ds.contextCount());
        }
        if (!lmm.isFinite()) throw new org.ntpgeo.common.UserError("L_mm has NaN or infinite entries (" + lmmSource + ")");
        ClassLevelMatrix st = ClassLevelMatrix.centeredSupport(ds);
        Spectral sts = st.svd(-1);
        // when L_mm is S~ (certificate), reuse its SVD
        Spectral mm = sameEntries(st, lmm) && (lmmRank < 0 || lmmRank == sts.rank()) ? sts : lmm.svd(lmmRank);
        return new TheoryReference(ds, InSupportLogits.of(ds), st, sts, lmm, mm, lmmSource);
    }

    private static boolean sameEntries(ClassLevelMatrix a, ClassLevelMatrix b) {
        double[] ad = a.perClass().data, bd = b.perClass().data;
        int v = a.rows();
        for (int j = 0; j < a.cols(); j++) {
            int oa = a.columnOffset(j), ob = b.columnOffset(j);
            for (int i = 0; i < v; i++) if (ad[oa + i] != bd[ob + i]) return false;
        }
        return true;
    }

    /** ||P_F(L) - L_in||_F (theory.md "Subspace F"), column by column. */
    public double softLabelGap(Matrix l) {
        return lin.softLabelGap(l);
    }
}
