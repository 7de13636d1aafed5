package org.ntpgeo.linalg;

import org.bytedeco.openblas.global.openblas;

/** Dense products over native OpenBLAS (column-major, float64). */
public final class Blas {
    private Blas() {}

    /** C = alpha * op(A) op(B) + beta * C, in place on {@code c}. */
    public static void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        NativeBlas.ensureLoaded();
        GemmShape shape = GemmShape.of(transA, transB, a.rows, a.cols, b.rows, b.cols, c.rows, c.cols);
        int m = shape.m(), n = shape.n(), k = shape.k();
        if (m == 0 || n == 0) return;
        if (k == 0) {
            c.scaleInPlace(beta);
            return;
        }
        openblas.cblas_dgemm(openblas.CblasColMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a.data, Math.max(1, a.rows), b.data,
                Math.max(1, b.rows), beta, c.data, Math.max(1, c.rows));
    }

    /** New matrix op(A) op(B). */
    public static Matrix multiply(Matrix a, boolean transA, Matrix b, boolean transB) {
        Matrix c = new Matrix(transA ? a.cols : a.rows, transB ? b.rows : b.cols);
        gemm(transA, transB, 1, a, b, 0, c);
        return c;
    }

    /** New matrix A B. */
    public static Matrix multiply(Matrix a, Matrix b) {
        return multiply(a, false, b, false);
    }

    /** New symmetric matrix A A^T (if {@code !trans}) or A^T A (if {@code trans}), both triangles filled. */
    public static Matrix gram(Matrix a, boolean trans) {
        NativeBlas.ensureLoaded();
        int n = trans ? a.cols : a.rows;
        int k = trans ? a.rows : a.cols;
        Matrix c = new Matrix(n, n);
        if (n == 0 || k == 0) return c;
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, trans ? openblas.CblasTrans : openblas.CblasNoTrans,
                n, k, 1.0, a.data, Math.max(1, a.rows), 0.0, c.data, n);
        for (int j = 0; j < n; j++) for (int i = j + 1; i < n; i++) c.data[i + j * n] = c.data[j + i * n];
        return c;
    }
}
