package org.ntpgeo.theory;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * Closed-form objects of theory.md: the finite component L_in, the projection P_F onto the subspace F, the
 * centred support matrix S~ = (I - 11^T/V) S, the Prop. 3 optimality certificate for S~, and balanced factors
 * W = U Sigma^{1/2}, H = Sigma^{1/2} V^T of a logit matrix.
 */
public final class ClosedForms {
    /**
     * Tolerance of the Prop. 3 test: the certificate holds when every off-support entry of A = U V^T is
     * {@code <= CERTIFICATE_TOLERANCE}. Non-strict A[v,j] <= 0 already proves optimality of S~ (A is then a
     * dual-feasible point with objective ||S~||_*, see docs/THEORY-ENGINE.md); the 1e-9 slack only absorbs
     * rounding in the SVD, entries of A are O(1).
     */
    public static final double CERTIFICATE_TOLERANCE = 1e-9;

    private ClosedForms() {}

    /** Numerical rank threshold: singular values above max(rows, cols) * eps * s_max count (as numpy/LAPACK). */
    public static int numericalRank(double[] s, int rows, int cols) {
        if (s.length == 0 || !(s[0] > 0)) return 0;
        double tol = Math.max(rows, cols) * Math.ulp(1.0) * s[0];
        int r = 0;
        for (double x : s) if (x > tol) r++;
        return r;
    }

    /** L_in (V x m): log p_j[z] - mean_{z' in S_j} log p_j[z'] on S_j, 0 elsewhere. */
    public static Matrix lin(NtpDataset ds) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Matrix l = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            int a = ds.start(j), b = ds.end(j);
            double mean = 0;
            for (int k = a; k < b; k++) mean += Math.log(ds.probability(j, k));
            mean /= (b - a);
            for (int k = a; k < b; k++) l.data[ds.token(k) + j * v] = Math.log(ds.probability(j, k)) - mean;
        }
        return l;
    }

    /** P_F(L): per column keep the entries on S_j minus their mean over S_j, zero elsewhere. New matrix. */
    public static Matrix projectF(NtpDataset ds, Matrix l) {
        int v = ds.vocabSize(), m = ds.contextCount();
        if (l.rows != v || l.cols != m) {
            throw new IllegalArgumentException("logits are " + l.rows + "x" + l.cols + ", dataset is " + v + "x" + m);
        }
        Matrix out = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            int a = ds.start(j), b = ds.end(j);
            double mean = 0;
            for (int k = a; k < b; k++) mean += l.data[ds.token(k) + j * v];
            mean /= (b - a);
            for (int k = a; k < b; k++) out.data[ds.token(k) + j * v] = l.data[ds.token(k) + j * v] - mean;
        }
        return out;
    }

    /** S~ = (I - 11^T/V) S: 1 - k_j/V on S_j, -k_j/V elsewhere. */
    public static Matrix centeredSupport(NtpDataset ds) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Matrix s = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            double shift = (double) ds.supportSize(j) / v;
            int off = j * v;
            for (int i = 0; i < v; i++) s.data[off + i] = -shift;
            for (int k = ds.start(j); k < ds.end(j); k++) s.data[off + ds.token(k)] = 1 - shift;
        }
        return s;
    }

    /**
     * Prop. 3 certificate for S~.
     *
     * @param holds          every off-support entry of A = U_r V_r^T is <= {@link #CERTIFICATE_TOLERANCE}
     *                       (vacuously true when there is no off-support entry; then S~ = 0 = L_mm)
     * @param maxOffSupportA the largest off-support entry of A (-infinity when there is none)
     * @param rank           numerical rank r of S~
     * @param nuclearNorm    ||S~||_*
     */
    public record Certificate(boolean holds, double maxOffSupportA, int rank, double nuclearNorm) {}

    /**
     * Computed on the support classes (theory.md "Support classes"): with S~_c the V x C centred supports of the
     * classes and N = diag(n_c), S~ = (S~_c N^(1/2)) (N^(-1/2) D^T) where N^(-1/2) D^T has orthonormal rows, so
     * S~ and S~_c N^(1/2) share singular values and left singular vectors, and A = A_c N^(-1/2) D^T for the polar
     * factor A_c of S~_c N^(1/2): column j of A is column c(j) of A_c divided by sqrt(n_c). The test
     * (max off-support entry of A) is therefore exact on a V x C matrix. {@code rank} uses the threshold of the full
     * V x m matrix.
     */
    public static Certificate certificate(NtpDataset ds) {
        MarginConstraints problem = MarginConstraints.forClasses(ds.supportClassIndex());
        Matrix st = problem.centeredSupport();
        Svd svd = Svd.of(st);
        int r = numericalRank(svd.s, ds.vocabSize(), ds.contextCount());
        Matrix a = r == 0 ? new Matrix(st.rows, st.cols) : svd.reconstruct(r, s -> 1.0);
        double maxOff = problem.maxOffSupport(a);
        double nuc = 0;
        for (int i = 0; i < r; i++) nuc += svd.s[i];
        return new Certificate(maxOff <= CERTIFICATE_TOLERANCE, maxOff, r, nuc);
    }

    /** A = U_r V_r^T of the thin SVD restricted to the numerical rank, or a zero matrix when rank is 0. */
    public static Matrix polarFactor(Matrix x) {
        Svd svd = Svd.of(x);
        int r = numericalRank(svd.s, x.rows, x.cols);
        if (r == 0) return new Matrix(x.rows, x.cols);
        return svd.reconstruct(r, s -> 1.0);
    }

    /** Balanced factors of L = U Sigma V^T: W = U Sigma^{1/2} (V x r), H = Sigma^{1/2} V^T (r x m). */
    public record Factors(Matrix w, Matrix h, double[] singularValues) {
        public int rank() {
            return singularValues.length;
        }
    }

    /** Truncated to the numerical rank of {@code l} or to {@code maxRank}, whichever is smaller. */
    public static Factors balancedFactors(Matrix l, int maxRank) {
        if (!l.isFinite()) throw new IllegalArgumentException("logit matrix has NaN or infinite entries");
        Svd svd = Svd.of(l);
        int r = Math.min(Math.max(0, maxRank), numericalRank(svd.s, l.rows, l.cols));
        Matrix w = new Matrix(l.rows, r);
        Matrix h = new Matrix(r, l.cols);
        double[] s = new double[r];
        for (int t = 0; t < r; t++) {
            s[t] = svd.s[t];
            double root = Math.sqrt(svd.s[t]);
            for (int i = 0; i < l.rows; i++) w.data[i + t * l.rows] = svd.u.data[i + t * l.rows] * root;
            for (int j = 0; j < l.cols; j++) h.data[t + j * r] = svd.v.data[j + t * l.cols] * root;
        }
        return new Factors(w, h, s);
    }
}
