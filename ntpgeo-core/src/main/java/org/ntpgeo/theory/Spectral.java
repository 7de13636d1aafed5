package org.ntpgeo.theory;

import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;
import org.ntpgeo.linalg.SymmetricEigen;

/**
 * Spectral helpers of the solvers: singular value thresholding through the eigen-decomposition of the small Gram
 * matrix (Y Y^T when V <= m, else Y^T Y; one syrk + one dsyevd + one gemm, much cheaper than a full SVD of a
 * wide matrix), spectral norms, exact nuclear norms (LAPACK dgesdd values). Records the time spent.
 */
final class Spectral {
    private long nanos;

    double seconds() {
        return nanos / 1e9;
    }

    /** Result of SVT: X = U diag(max(s - tau, 0)) V^T, with the kept rank and ||X||_* and top singular value of Y. */
    record Shrunk(Matrix x, int rank, double nuclearNorm, double topSingularValue) {}

    /** Singular value thresholding of y at tau (new matrix). */
    Shrunk shrink(Matrix y, double tau) {
        long t0 = System.nanoTime();
        try {
            boolean wide = y.rows <= y.cols;
            Matrix g = Blas.gram(y, !wide); // wide: Y Y^T (rows x rows); tall: Y^T Y
            SymmetricEigen eig = SymmetricEigen.of(g);
            int n = g.rows;
            double top = Math.sqrt(Math.max(0, eig.values[n - 1]));
            int r = 0;
            double nuc = 0;
            for (int i = n - 1; i >= 0; i--) {
                double s = Math.sqrt(Math.max(0, eig.values[i]));
                if (s <= tau) break;
                r++;
                nuc += s - tau;
            }
            if (r == 0) return new Shrunk(new Matrix(y.rows, y.cols), 0, 0, top);
            // Q: the r leading eigenvectors scaled by (s - tau)/s; X = Q Q0^T Y (wide) or Y Q0 Q^T (tall)
            Matrix q0 = new Matrix(n, r);
            Matrix q = new Matrix(n, r);
            for (int c = 0; c < r; c++) {
                int i = n - 1 - c;
                double s = Math.sqrt(eig.values[i]);
                double f = (s - tau) / s;
                System.arraycopy(eig.vectors.data, i * n, q0.data, c * n, n);
                for (int p = 0; p < n; p++) q.data[p + c * n] = f * eig.vectors.data[p + i * n];
            }
            Matrix x;
            if (wide) {
                Matrix b = Blas.multiply(q0, true, y, false); // r x m
                x = Blas.multiply(q, false, b, false);
            } else {
                Matrix b = Blas.multiply(y, q0); // rows x r
                x = Blas.multiply(b, false, q, true);
            }
            return new Shrunk(x, r, nuc, top);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** ||y||_2, the largest singular value, from the largest eigenvalue of the small Gram matrix. */
    double spectralNorm(Matrix y) {
        long t0 = System.nanoTime();
        try {
            if (y.rows == 0 || y.cols == 0) return 0;
            Matrix g = Blas.gram(y, y.rows > y.cols);
            double[] w = SymmetricEigen.of(g).values;
            // Upper bound guard for rounding in the Gram product and the eigen-solver.
            double lmax = Math.max(0, w[w.length - 1]);
            return Math.sqrt(lmax * (1 + 4 * g.rows * Math.ulp(1.0)));
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** Singular values of y by LAPACK dgesdd (accurate to eps * s_max each). */
    double[] singularValues(Matrix y) {
        long t0 = System.nanoTime();
        try {
            return Svd.values(y);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }
}
