package org.ntpgeo.geometry;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.CrossEntropy;

/**
 * Elementary metrics of theory.md "Metrics". Every method returns NaN (never throws) when the quantity is
 * undefined, e.g. a direction of a zero matrix; callers turn NaN into "n/a (reason)".
 */
public final class MatrixMetrics {
    /** The constant c of the structural similarity (theory.md). */
    public static final double SSIM_C = 1e-5;

    private MatrixMetrics() {}

    /** NTP cross-entropy CE(L) with a stable log-sum-exp per column (theory.md "Data"). */
    public static double crossEntropy(NtpDataset ds, Matrix l) {
        return CrossEntropy.value(ds, l);
    }

    /** ||A - A0||_F at or below this times max(||A||, ||A0||) counts as A - A0 = 0 (rounding). */
    static final double ROUNDING = 1e-12;

    /**
     * ||(A - A0)/||A - A0|| - B/||B|| ||_F without forming A - A0 ({@code a0} may be null). NaN when either
     * matrix is zero (A - A0 counts as zero at rounding level, {@link #ROUNDING}).
     */
    public static double directionGap(Matrix a, Matrix a0, Matrix b) {
        a.checkSameShape(b);
        if (a0 != null) a.checkSameShape(a0);
        double na = a0 == null ? a.frobeniusNorm() : diffNorm(a, a0);
        double nb = b.frobeniusNorm();
        if (!(na > 0) || !(nb > 0) || !Double.isFinite(na) || !Double.isFinite(nb)) return Double.NaN;
        // a difference at rounding level (A = A0 up to the last bits) has no direction
        if (a0 != null && na <= ROUNDING * Math.max(a.frobeniusNorm(), a0.frobeniusNorm())) return Double.NaN;
        double s = 0;
        for (int k = 0; k < a.data.length; k++) {
            double x = (a0 == null ? a.data[k] : a.data[k] - a0.data[k]) / na - b.data[k] / nb;
            s += x * x;
        }
        return Math.sqrt(s);
    }

    public static double directionGap(Matrix a, Matrix b) {
        return directionGap(a, null, b);
    }

    /**
     * The same against a class-level B (theory.md "Support classes"), column by column with one V-vector of work
     * space: nothing V x m is formed ({@code a0} may be null).
     */
    public static double directionGap(Matrix a, InSupportLogits a0, ClassLevelMatrix b) {
        b.checkShape(a);
        double na = a0 == null ? a.frobeniusNorm() : a0.distance(a), nb = b.frobeniusNorm();
        if (!(na > 0) || !(nb > 0) || !Double.isFinite(na) || !Double.isFinite(nb)) return Double.NaN;
        if (a0 != null && na <= ROUNDING * Math.max(a.frobeniusNorm(), a0.frobeniusNorm())) return Double.NaN;
        int v = a.rows;
        double[] col = new double[v];
        double[] bd = b.perClass().data;
        double s = 0;
        for (int j = 0; j < a.cols; j++) {
            int ob = b.columnOffset(j);
            System.arraycopy(a.data, j * v, col, 0, v);
            if (a0 != null) a0.subtractColumn(j, col);
            for (int i = 0; i < v; i++) {
                double x = col[i] / na - bd[ob + i] / nb;
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    public static double directionGap(Matrix a, ClassLevelMatrix b) {
        return directionGap(a, (InSupportLogits) null, b);
    }

    /**
     * (I - 11^T/V) A: every column minus its mean (new matrix). For logits L (V x m) this removes the per-context
     * constant that softmax ignores; for word embeddings W (V x d) the mean word vector.
     */
    public static Matrix centred(Matrix a) {
        Matrix out = a.copy();
        for (int j = 0; j < a.cols; j++) {
            double mean = 0;
            for (int i = 0; i < a.rows; i++) mean += a.data[i + j * a.rows];
            mean /= a.rows;
            for (int i = 0; i < a.rows; i++) out.data[i + j * a.rows] -= mean;
        }
        return out;
    }

    /** ||A - B||_F. */
    public static double diffNorm(Matrix a, Matrix b) {
        a.checkSameShape(b);
        double scale = 0;
        for (int k = 0; k < a.data.length; k++) scale = Math.max(scale, Math.abs(a.data[k] - b.data[k]));
        if (scale == 0 || !Double.isFinite(scale)) return scale;
        double s = 0;
        for (int k = 0; k < a.data.length; k++) {
            double x = (a.data[k] - b.data[k]) / scale;
            s += x * x;
        }
        return scale * Math.sqrt(s);
    }

    /**
     * Structural similarity of two equally sized matrices, flattened: (cov(X,Y) + c) / (std(X) std(Y) + c) with
     * population moments and c = 1e-5 (theory.md).
     */
    public static double structuralSimilarity(Matrix x, Matrix y) {
        x.checkSameShape(y);
        int n = x.data.length;
        if (n == 0) return Double.NaN;
        double mx = 0, my = 0;
        for (int k = 0; k < n; k++) {
            mx += x.data[k];
            my += y.data[k];
        }
        mx /= n;
        my /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (int k = 0; k < n; k++) {
            double a = x.data[k] - mx, b = y.data[k] - my;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
        }
        return (sxy / n + SSIM_C) / (Math.sqrt(sxx / n) * Math.sqrt(syy / n) + SSIM_C);
    }

    /** Cosine similarities of the rows of {@code a} (rows x rows); a zero row gives NaN entries. */
    public static Matrix rowCosines(Matrix a) {
        return normalizeGram(Blas.gram(a, false));
    }

    /** Cosine similarities of the selected columns of {@code a} (|cols| x |cols|). */
    public static Matrix columnCosines(Matrix a, int[] cols) {
        return normalizeGram(Blas.gram(selectColumns(a, cols), true));
    }

    /** New matrix of the given columns, in the given order. */
    public static Matrix selectColumns(Matrix a, int[] cols) {
        return a.selectColumns(cols);
    }

    /** New matrix of the given rows, in the given order. */
    public static Matrix selectRows(Matrix a, int[] rows) {
        return a.selectRows(rows);
    }

    /** G[i,j] / sqrt(G[i,i] G[j,j]) in place. */
    static Matrix normalizeGram(Matrix g) {
        int n = g.rows;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = Math.sqrt(g.data[i + i * n]);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double den = d[i] * d[j];
                g.data[i + j * n] = den > 0 ? g.data[i + j * n] / den : Double.NaN;
            }
        }
        return g;
    }

    /** A diag(w) (new matrix; scales column t by w[t]). */
    static Matrix scaleColumns(Matrix a, double[] w) {
        Matrix out = a.copy();
        for (int t = 0; t < a.cols; t++) for (int i = 0; i < a.rows; i++) out.data[i + t * a.rows] *= w[t];
        return out;
    }

    static double[] sqrt(double[] s) {
        double[] r = new double[s.length];
        for (int i = 0; i < s.length; i++) r[i] = Math.sqrt(s[i]);
        return r;
    }
}
