package org.ntpgeo.geometry;

import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;

/**
 * Normalised Gram gaps of theory.md C3: ||X^T X/||X^T X||_F - B Sigma B^T/||Sigma||_F||_F for embedding vectors
 * given as the columns of X (d x n; X = W^T for words, X = H for contexts) and an orthonormal basis B (n x r)
 * with weights s (U, Sigma or V, Sigma of L_mm).
 *
 * <p>For n up to {@link #DIRECT_LIMIT} both n x n matrices are formed (exact, a matrix against itself gives 0).
 * Above it nothing n x n is formed: with G = X^T X and P = B Sigma B^T,
 * ||G||_F^2 = ||X X^T||_F^2 (d x d), ||P||_F^2 = sum s_i^2 and <G, P> = sum_i s_i ||X b_i||^2 (X B is d x r),
 * so gap^2 = 2 - 2 <G, P>/(||G|| ||P||) (accurate to about 1e-8 absolute because of the cancellation).
 */
public final class GramGap {
    public static final int DIRECT_LIMIT = 2048;

    private GramGap() {}

    public static double of(Matrix x, Matrix basis, double[] s) {
        return x.cols <= DIRECT_LIMIT ? direct(x, basis, s) : byTraces(x, basis, s);
    }

    /**
     * The Gram gap of the columns of X (d x m) to V Sigma V^T of {@code sp} (whose V may be given per support class):
     * direct for m up to {@link #DIRECT_LIMIT}, else from traces with X V formed through the class sums of X.
     */
    public static double ofRight(Matrix x, TheoryReference.Spectral sp) {
        if (x.cols <= DIRECT_LIMIT) return direct(x, sp.vFull(), sp.s());
        if (sp.contexts() != x.cols || sp.v().cols != sp.s().length) {
            throw new IllegalArgumentException("Gram gap shapes: X " + x.rows + "x" + x.cols + ", V over " + sp.contexts() + " contexts, " + sp.s().length + " weights");
        }
        return fromProduct(x, sp.timesV(x), sp.s());
    }

    /** Forms both n x n Gram matrices. */
    public static double direct(Matrix x, Matrix basis, double[] s) {
        check(x, basis, s);
        Matrix g = Blas.gram(x, true);
        Matrix p = Blas.gram(MatrixMetrics.scaleColumns(basis, MatrixMetrics.sqrt(s)), false);
        return MatrixMetrics.directionGap(g, p);
    }

    /** Uses only d x d, d x r and r-vectors (see the class comment). */
    public static double byTraces(Matrix x, Matrix basis, double[] s) {
        check(x, basis, s);
        return fromProduct(x, Blas.multiply(x, basis), s);
    }

    /** The trace formula given X B (d x r). */
    private static double fromProduct(Matrix x, Matrix xb, double[] s) {
        double g2 = Blas.gram(x, false).frobeniusNorm();
        double p2 = 0;
        for (double v : s) p2 += v * v;
        p2 = Math.sqrt(p2);
        if (!(g2 > 0) || !(p2 > 0) || !Double.isFinite(g2)) return Double.NaN;
        double inner = 0;
        for (int t = 0; t < s.length; t++) {
            double c = 0;
            for (int i = 0; i < xb.rows; i++) c += xb.data[i + t * xb.rows] * xb.data[i + t * xb.rows];
            inner += s[t] * c;
        }
        double cos = inner / (g2 * p2);
        return Math.sqrt(Math.max(0, 2 - 2 * cos));
    }

    /**
     * gap(B1 S1 B1^T, B2 S2 B2^T) between two references given by orthonormal bases (n x r1, n x r2) and weights,
     * from ||Bi Si Bi^T||_F^2 = sum s^2 and <P1, P2> = sum_ab s1_a s2_b (b1_a . b2_b)^2 (nothing n x n is formed).
     */
    public static double between(Matrix b1, double[] s1, Matrix b2, double[] s2) {
        if (b1.rows != b2.rows || b1.cols != s1.length || b2.cols != s2.length) {
            throw new IllegalArgumentException("Gram gap shapes: " + b1.rows + "x" + b1.cols + " and " + b2.rows + "x" + b2.cols);
        }
        return fromCross(Blas.multiply(b1, true, b2, false), s1, s2);
    }

    /** gap(V1 S1 V1^T, V2 S2 V2^T) of the right vectors of two SVDs (either may hold V per class). */
    public static double betweenRight(TheoryReference.Spectral a, TheoryReference.Spectral b) {
        return fromCross(a.vTransposeTimesV(b), a.s(), b.s());
    }

    /** The gap from the cross products c = B1^T B2 (r1 x r2). */
    private static double fromCross(Matrix c, double[] s1, double[] s2) {
        double n1 = 0, n2 = 0;
        for (double v : s1) n1 += v * v;
        for (double v : s2) n2 += v * v;
        if (!(n1 > 0) || !(n2 > 0)) return Double.NaN;
        double inner = 0;
        for (int b = 0; b < s2.length; b++) for (int a = 0; a < s1.length; a++) {
            double x = c.data[a + b * c.rows];
            inner += s1[a] * s2[b] * x * x;
        }
        return Math.sqrt(Math.max(0, 2 - 2 * inner / Math.sqrt(n1 * n2)));
    }

    private static void check(Matrix x, Matrix basis, double[] s) {
        if (basis.rows != x.cols || basis.cols != s.length) {
            throw new IllegalArgumentException("Gram gap shapes: X " + x.rows + "x" + x.cols + ", basis " + basis.rows + "x" + basis.cols + ", " + s.length + " weights");
        }
    }
}
