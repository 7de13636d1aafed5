package org.ntpgeo.linalg;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Singular values and singular-value functions of a wide or tall matrix Y through the eigen-decomposition of its
 * small Gram matrix (Y Y^T when rows <= cols, else Y^T Y): one syrk, one dsyevd and at most two gemms, instead of a
 * full dgesdd with singular vectors. This is the one home of the Gram shortcut and of the size above which it
 * replaces LAPACK SVDs ({@link #DIRECT_SVD_MAX_CELLS}).
 *
 * <p>Accuracy: Gram eigenvalues carry absolute errors of about n eps s_max^2, so a singular value s is accurate to
 * about n eps s_max^2 / s; small singular values lose relative accuracy. Functions that need guarantees say how
 * they bound this ({@link #spectralNorm} rounds up, {@link #nuclearNorm} falls back to dgesdd).
 */
public final class GramSvd {
    /** Matrices with more cells than this use the Gram eigenvalues where plain singular values are asked for. */
    public static final long DIRECT_SVD_MAX_CELLS = 4_000_000L;

    private final boolean wide;
    private final int n;
    private final SymmetricEigen eig;

    private GramSvd(boolean wide, int n, SymmetricEigen eig) {
        this.wide = wide;
        this.n = n;
        this.eig = eig;
    }

    /** The eigen-decomposition of the smaller Gram matrix of y. */
    public static GramSvd of(Matrix y) {
        return of(y, null);
    }

    /**
     * As {@link #of(Matrix)}; with a workspace that fits y, y is copied into it (where {@link #applyLeading} finds it)
     * and the Gram product runs on native memory.
     */
    private static GramSvd of(Matrix y, GramWorkspace ws) {
        boolean wide = y.rows <= y.cols;
        return new GramSvd(wide, wide ? y.rows : y.cols, SymmetricEigen.of(gram(y, ws)));
    }

    /** The smaller Gram matrix of y (Y Y^T when rows <= cols), through the workspace when it fits (y is then loaded). */
    private static Matrix gram(Matrix y, GramWorkspace ws) {
        boolean wide = y.rows <= y.cols;
        if (ws == null || !ws.fits(y)) return Blas.gram(y, !wide);
        int n = wide ? y.rows : y.cols;
        ws.in.copyFrom(y);
        ws.products.gram(ws.in, !wide, ws.gram);
        Matrix g = new Matrix(n, n);
        ws.gram.copyTo(g);
        return g;
    }

    /** True when the Gram matrix is Y Y^T (rows <= cols). */
    public boolean wide() {
        return wide;
    }

    /** min(rows, cols): the number of singular values. */
    public int size() {
        return n;
    }

    /** The c-th largest singular value (c = 0: the largest), from the Gram eigenvalue (negative ones as 0). */
    public double singularValue(int c) {
        return Math.sqrt(Math.max(0, eig.values[n - 1 - c]));
    }

    /** All singular values, descending. */
    public double[] singularValues() {
        double[] s = new double[n];
        for (int c = 0; c < n; c++) s[c] = singularValue(c);
        return s;
    }

    /** The r leading eigenvectors as columns (n x r), column c scaled by {@code scale(s_c)}. */
    public Matrix leadingVectors(int r, DoubleUnaryOperator scale) {
        Matrix q = new Matrix(n, r);
        for (int c = 0; c < r; c++) {
            int i = n - 1 - c;
            double f = scale.applyAsDouble(singularValue(c));
            for (int p = 0; p < n; p++) q.data[p + c * n] = f * eig.vectors.data[p + i * n];
        }
        return q;
    }

    /**
     * out = U_r diag(f(s_1), ..., f(s_r)) V_r^T for y = U diag(s) V^T: Q diag(f(s)/s) Q^T Y (wide) or
     * Y Q diag(f(s)/s) Q^T (tall), Q the r leading Gram eigenvectors. {@code out} has y's shape and does not alias it.
     */
    private void applyLeading(Matrix y, int r, DoubleUnaryOperator f, Matrix out, GramWorkspace ws) {
        if (r == 0) {
            Arrays.fill(out.data, 0);
            return;
        }
        Matrix q0 = leadingVectors(r, s -> 1);
        Matrix q = leadingVectors(r, s -> f.applyAsDouble(s) / s);
        long other = wide ? y.cols : y.rows;
        boolean multiplier = 2L * r > n && other > 2L * n;
        if (ws != null && ws.fits(y)) {
            // y is in ws.in (loaded by of(y, ws)); the result goes through ws.out
            FixedBlockGemm p = ws.products;
            if (multiplier) {
                try (NativeMatrix mult = load(Blas.multiply(q, false, q0, true))) {
                    if (wide) p.gemm(false, false, 1, mult, ws.in, 0, ws.out);
                    else p.gemm(false, true, 1, ws.in, mult, 0, ws.out);
                }
            } else {
                try (NativeMatrix nq0 = load(q0); NativeMatrix nq = load(q);
                     NativeMatrix b = wide ? new NativeMatrix(r, y.cols) : new NativeMatrix(y.rows, r)) {
                    if (wide) {
                        p.gemm(true, false, 1, nq0, ws.in, 0, b); // r x cols
                        p.gemm(false, false, 1, nq, b, 0, ws.out);
                    } else {
                        p.gemm(false, false, 1, ws.in, nq0, 0, b); // rows x r
                        p.gemm(false, true, 1, b, nq, 0, ws.out);
                    }
                }
            }
            ws.out.copyTo(out);
        } else if (multiplier) {
            // high rank: one n x n multiplier Q Q0^T, then one gemm with Y (2 n^2 k flops instead of 4 n r k)
            Matrix mult = Blas.multiply(q, false, q0, true);
            if (wide) Blas.gemm(false, false, 1, mult, y, 0, out);
            else Blas.gemm(false, true, 1, y, mult, 0, out);
        } else if (wide) {
            Matrix b = Blas.multiply(q0, true, y, false); // r x cols
            Blas.gemm(false, false, 1, q, b, 0, out);
        } else {
            Matrix b = Blas.multiply(y, q0); // rows x r
            Blas.gemm(false, true, 1, b, q, 0, out);
        }
    }

    private static NativeMatrix load(Matrix m) {
        NativeMatrix n = new NativeMatrix(m.rows, m.cols);
        n.copyFrom(m);
        return n;
    }

    /** Result of singular value thresholding: X = U diag(max(s - tau, 0)) V^T, its rank, ||X||_* and s_max(Y). */
    public record Thresholded(Matrix x, int rank, double nuclearNorm, double topSingularValue) {}

    /** Singular value thresholding of y at tau into a new matrix. */
    public static Thresholded threshold(Matrix y, double tau) {
        return threshold(y, tau, new Matrix(y.rows, y.cols));
    }

    /** Singular value thresholding of y at tau, written into {@code out} (same shape as y, not aliasing y). */
    public static Thresholded threshold(Matrix y, double tau, Matrix out) {
        return threshold(y, tau, out, null);
    }

    /** As {@link #threshold(Matrix, double, Matrix)}, through the workspace when it fits y (null: none). */
    public static Thresholded threshold(Matrix y, double tau, Matrix out, GramWorkspace ws) {
        if (out.rows != y.rows || out.cols != y.cols || out.data == y.data) throw new IllegalArgumentException("bad output matrix");
        if (y.rows == 0 || y.cols == 0) return new Thresholded(out, 0, 0, 0);
        GramSvd g = of(y, ws);
        int r = 0;
        double nuc = 0;
        for (int c = 0; c < g.n; c++) {
            double s = g.singularValue(c);
            if (s <= tau) break;
            r++;
            nuc += s - tau;
        }
        g.applyLeading(y, r, s -> s - tau, out, ws);
        return new Thresholded(out, r, nuc, g.singularValue(0));
    }

    /** Polar factor A = U_r V_r^T of y with rank r = #{s > relCut * s_max}, and the sum of the kept singular values. */
    public record Polar(Matrix a, int rank, double nuclearNorm) {}

    public static Polar polar(Matrix y, double relCut) {
        return polar(y, relCut, null);
    }

    /** As {@link #polar(Matrix, double)}, through the workspace when it fits y (null: none). */
    public static Polar polar(Matrix y, double relCut, GramWorkspace ws) {
        Matrix out = new Matrix(y.rows, y.cols);
        if (y.rows == 0 || y.cols == 0) return new Polar(out, 0, 0);
        GramSvd g = of(y, ws);
        double top = g.singularValue(0);
        int r = 0;
        double nuc = 0;
        for (int c = 0; c < g.n; c++) {
            double s = g.singularValue(c);
            if (!(s > relCut * top)) break;
            r++;
            nuc += s;
        }
        g.applyLeading(y, r, s -> 1, out, ws);
        return new Polar(out, r, nuc);
    }

    /** ||y||_2, the largest singular value, from the largest Gram eigenvalue, rounded up for the rounding errors. */
    public static double spectralNorm(Matrix y) {
        return spectralNorm(y, null);
    }

    /** As {@link #spectralNorm(Matrix)}, through the workspace when it fits y (null: none). */
    public static double spectralNorm(Matrix y, GramWorkspace ws) {
        if (y.rows == 0 || y.cols == 0) return 0;
        Matrix g = gram(y, ws);
        double[] w = SymmetricEigen.of(g).values;
        double lmax = Math.max(0, w[w.length - 1]);
        // guard for rounding in the Gram product (k eps ||Y||^2) and the eigen-solver (n eps ||G||)
        long k = Math.max(y.rows, y.cols);
        return Math.sqrt(lmax * (1 + 4 * (k + g.rows) * Math.ulp(1.0)));
    }

    /**
     * ||y||_*. Up to {@link #DIRECT_SVD_MAX_CELLS} cells: LAPACK dgesdd values. Larger: square roots of the Gram
     * eigenvalues when an a-priori bound shows their sum accurate to 1e-10 relative (eigenvalue errors are about
     * n eps lambda_max); otherwise dgesdd as well.
     */
    public static double nuclearNorm(Matrix y) {
        return nuclearNorm(y, null);
    }

    /** As {@link #nuclearNorm(Matrix)}, with the Gram product through the workspace when it fits y (null: none). */
    public static double nuclearNorm(Matrix y, GramWorkspace ws) {
        if ((long) y.rows * y.cols > DIRECT_SVD_MAX_CELLS) {
            Matrix g = gram(y, ws);
            double[] w = SymmetricEigen.of(g).values;
            int n = w.length;
            double lmax = Math.max(0, w[n - 1]);
            double err = 8.0 * (n + Math.max(y.rows, y.cols)) * Math.ulp(1.0) * lmax; // abs error bound of each eigenvalue
            double sum = 0, worst = 0;
            for (double lam : w) {
                double s = Math.sqrt(Math.max(0, lam));
                sum += s;
                // |sqrt(a) - sqrt(b)| <= sqrt(|a - b|), and <= |a - b| / (2 sqrt(a)) when a is large
                worst += lam > 4 * err ? err / (2 * Math.sqrt(lam) - Math.sqrt(err)) : Math.sqrt(lam + err) - s + Math.sqrt(err);
            }
            if (worst <= 1e-10 * sum) return sum;
        }
        double t = 0;
        for (double s : Svd.values(y)) t += s;
        return t;
    }

    /**
     * Singular values of y, descending: LAPACK dgesdd (accurate to eps s_max each) up to
     * {@link #DIRECT_SVD_MAX_CELLS} cells, else the square roots of the Gram eigenvalues (min(rows, cols)^2 memory).
     */
    public static double[] singularValues(Matrix y) {
        return singularValues(y, null);
    }

    /** As {@link #singularValues(Matrix)}, with the Gram product through the workspace when it fits y (null: none). */
    public static double[] singularValues(Matrix y, GramWorkspace ws) {
        if ((long) y.rows * y.cols <= DIRECT_SVD_MAX_CELLS) return Svd.values(y);
        if (y.rows == 0 || y.cols == 0) return new double[0];
        return of(y, ws).singularValues();
    }
}
