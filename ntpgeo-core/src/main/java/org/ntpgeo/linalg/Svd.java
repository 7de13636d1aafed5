package org.ntpgeo.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Thin singular value decomposition A = U diag(s) V^T via LAPACK dgesdd (divide and conquer), with a dgesvd
 * fallback when dgesdd does not converge. U is rows x r, V is cols x r, r = min(rows, cols), s descending.
 */
public final class Svd {
    public final Matrix u;
    public final double[] s;
    public final Matrix v;

    private Svd(Matrix u, double[] s, Matrix v) {
        this.u = u;
        this.s = s;
        this.v = v;
    }

    public static Svd of(Matrix a) {
        NativeBlas.ensureLoaded();
        int m = a.rows, n = a.cols, r = Math.min(m, n);
        if (!a.isFinite()) throw new ArithmeticException("SVD of a matrix with NaN or infinite entries");
        if (r == 0) return new Svd(new Matrix(m, 0), new double[0], new Matrix(n, 0));
        double[] work = a.data.clone();
        double[] s = new double[r];
        double[] u = new double[m * r];
        double[] vt = new double[r * n];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'S', m, n, work, m, s, u, m, vt, r);
        if (info != 0) {
            work = a.data.clone();
            double[] superb = new double[Math.max(1, r - 1)];
            info = openblas.LAPACKE_dgesvd(openblas.LAPACK_COL_MAJOR, (byte) 'S', (byte) 'S', m, n, work, m, s, u, m, vt, r, superb);
            if (info != 0) throw new ArithmeticException("LAPACK SVD failed (info=" + info + ") on a " + m + "x" + n + " matrix");
        }
        return new Svd(new Matrix(m, r, u), s, new Matrix(r, n, vt).transpose());
    }

    /** Singular values only (dgesdd with jobz='N'). */
    public static double[] values(Matrix a) {
        NativeBlas.ensureLoaded();
        int m = a.rows, n = a.cols, r = Math.min(m, n);
        if (!a.isFinite()) throw new ArithmeticException("SVD of a matrix with NaN or infinite entries");
        if (r == 0) return new double[0];
        double[] work = a.data.clone();
        double[] s = new double[r];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'N', m, n, work, m, s, new double[1], 1, new double[1], 1);
        if (info != 0) return of(a).s;
        return s;
    }

    /** Numerical rank: singular values above {@code relTol * s_max}. */
    public int rank(double relTol) {
        return rankOf(s, relTol);
    }

    public static int rankOf(double[] s, double relTol) {
        if (s.length == 0 || s[0] == 0) return 0;
        int k = 0;
        for (double x : s) if (x > relTol * s[0]) k++;
        return k;
    }

    public double nuclearNorm() {
        double t = 0;
        for (double x : s) t += x;
        return t;
    }

    /** U_k diag(f(s)) V_k^T for the leading k triplets. */
    public Matrix reconstruct(int k, java.util.function.DoubleUnaryOperator f) {
        Matrix us = u.columns(0, k);
        for (int j = 0; j < k; j++) {
            double sj = f.applyAsDouble(s[j]);
            for (int i = 0; i < us.rows; i++) us.data[i + j * us.rows] *= sj;
        }
        return Blas.multiply(us, false, v.columns(0, k), true);
    }
}
