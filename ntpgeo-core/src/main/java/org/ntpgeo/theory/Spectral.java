package org.ntpgeo.theory;

import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;
import org.ntpgeo.linalg.SymmetricEigen;

/**
 * Spectral helpers of the solvers: singular value thresholding through the eigen-decomposition of the small Gram
 * matrix (Y Y^T when rows <= cols, else Y^T Y; one syrk + one dsyevd + gemms, much cheaper than a full SVD of a
 * wide matrix), spectral norms, and nuclear norms. Records the time spent (the "SVD time" of the reports).
 */
final class Spectral {
    private long nanos;

    double seconds() {
        return nanos / 1e9;
    }

    /** Result of SVT: X = U diag(max(s - tau, 0)) V^T, with the kept rank, ||X||_* and the top singular value of Y. */
    record Shrunk(Matrix x, int rank, double nuclearNorm, double topSingularValue) {}

    /** Singular value thresholding of y at tau into a new matrix. */
    Shrunk shrink(Matrix y, double tau) {
        return shrinkInto(y, tau, new Matrix(y.rows, y.cols));
    }

    /** Singular value thresholding of y at tau, written into {@code out} (same shape as y, not aliasing y). */
    Shrunk shrinkInto(Matrix y, double tau, Matrix out) {
        long t0 = System.nanoTime();
        try {
            GramEigen ge = GramEigen.of(y);
            boolean wide = ge.wide();
            int n = ge.n();
            double top = ge.singularValue(0);
            int r = 0;
            double nuc = 0;
            for (int c = 0; c < n; c++) {
                double s = ge.singularValue(c);
                if (s <= tau) break;
                r++;
                nuc += s - tau;
            }
            if (r == 0) {
                java.util.Arrays.fill(out.data, 0);
                return new Shrunk(out, 0, 0, top);
            }
            // Q0: the r leading eigenvectors; Q = Q0 diag((s - tau)/s). X = Q Q0^T Y (wide) or Y Q0 Q^T (tall).
            Matrix q0 = ge.leadingVectors(r, s -> 1);
            Matrix q = ge.leadingVectors(r, s -> (s - tau) / s);
            long other = wide ? y.cols : y.rows;
            if (2L * r > n && other > 2L * n) {
                // High rank: one n x n multiplier M = Q Q0^T, then one gemm with Y (2 n^2 k flops instead of 4 n r k).
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
            return new Shrunk(out, r, nuc, top);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** The eigen-decomposition of the small Gram matrix of y: Y Y^T when {@code wide} (rows <= cols), else Y^T Y. */
    private record GramEigen(boolean wide, int n, SymmetricEigen eig) {
        static GramEigen of(Matrix y) {
            boolean wide = y.rows <= y.cols;
            Matrix g = Blas.gram(y, !wide);
            return new GramEigen(wide, g.rows, SymmetricEigen.of(g));
        }

        /** The c-th largest singular value of y (c = 0: the largest), from the Gram eigenvalue (negatives as 0). */
        double singularValue(int c) {
            return Math.sqrt(Math.max(0, eig.values[n - 1 - c]));
        }

        /** The r leading eigenvectors as columns (n x r), column c scaled by {@code scale(s_c)}. */
        Matrix leadingVectors(int r, java.util.function.DoubleUnaryOperator scale) {
            Matrix q = new Matrix(n, r);
            for (int c = 0; c < r; c++) {
                int i = n - 1 - c;
                double f = scale.applyAsDouble(Math.sqrt(eig.values[i]));
                for (int p = 0; p < n; p++) q.data[p + c * n] = f * eig.vectors.data[p + i * n];
            }
            return q;
        }
    }

    /** Polar factor A = U_r V_r^T of y with rank r = #{s > relCut * s_max}, and ||y||_* (sum over the kept s). */
    record Polar(Matrix a, int rank, double nuclearNorm) {}

    Polar polar(Matrix y, double relCut) {
        long t0 = System.nanoTime();
        try {
            GramEigen ge = GramEigen.of(y);
            boolean wide = ge.wide();
            double top = ge.singularValue(0);
            int r = 0;
            double nuc = 0;
            for (int c = 0; c < ge.n(); c++) {
                double s = ge.singularValue(c);
                if (!(s > relCut * top)) break;
                r++;
                nuc += s;
            }
            Matrix out = new Matrix(y.rows, y.cols);
            if (r == 0) return new Polar(out, 0, 0);
            Matrix q0 = ge.leadingVectors(r, s -> 1);
            Matrix q = ge.leadingVectors(r, s -> 1 / s);
            Matrix mult = Blas.multiply(q, false, q0, true); // Q_r diag(1/s) Q_r^T (n x n)
            if (wide) Blas.gemm(false, false, 1, mult, y, 0, out);
            else Blas.gemm(false, true, 1, y, mult, 0, out);
            return new Polar(out, r, nuc);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** ||y||_2, the largest singular value, from the largest eigenvalue of the small Gram matrix (rounded up). */
    double spectralNorm(Matrix y) {
        long t0 = System.nanoTime();
        try {
            if (y.rows == 0 || y.cols == 0) return 0;
            Matrix g = Blas.gram(y, y.rows > y.cols);
            double[] w = SymmetricEigen.of(g).values;
            double lmax = Math.max(0, w[w.length - 1]);
            // guard for rounding in the Gram product (k eps ||Y||^2) and the eigen-solver (n eps ||G||)
            long k = Math.max(y.rows, y.cols);
            return Math.sqrt(lmax * (1 + 4 * (k + g.rows) * Math.ulp(1.0)));
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /**
     * ||y||_*. Small matrices: LAPACK dgesdd values. Large ones: square roots of the Gram eigenvalues when the
     * Gram matrix is well conditioned enough that each singular value is accurate to ~1e-10 relative of the sum
     * (eigenvalue errors are ~ n eps lambda_max); otherwise dgesdd as well.
     */
    double nuclearNorm(Matrix y) {
        long t0 = System.nanoTime();
        try {
            if ((long) y.rows * y.cols > 4_000_000L) {
                Matrix g = Blas.gram(y, y.rows > y.cols);
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
