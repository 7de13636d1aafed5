package org.ntpgeo.linalg;

import org.bytedeco.openblas.global.openblas;

/** Eigen-decomposition of a symmetric matrix via LAPACK dsyevd; eigenvalues ascending, vectors as columns. */
public final class SymmetricEigen {
    public final double[] values;
    public final Matrix vectors;

    private SymmetricEigen(double[] values, Matrix vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    public static SymmetricEigen of(Matrix a) {
        NativeBlas.ensureLoaded();
        if (a.rows != a.cols) throw new IllegalArgumentException("not square: " + a.rows + "x" + a.cols);
        int n = a.rows;
        double[] w = new double[n];
        double[] z = a.data.clone();
        if (n == 0) return new SymmetricEigen(w, new Matrix(0, 0));
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'U', n, z, n, w);
        if (info != 0) throw new ArithmeticException("LAPACK dsyevd failed (info=" + info + ")");
        return new SymmetricEigen(w, new Matrix(n, n, z));
    }
}
