package org.ntpgeo.geometry;

import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * Subspace collapse (theory.md C4, Prop. 1), measured on context embeddings grouped by support class.
 *
 * <p>The L_mm component of h_j: with L = W H and L_mm = U Sigma V^T, the part of logit column j that lies in
 * the column space of L_mm is U U^T W h_j = U (W^T U)^T h_j. It depends on h_j only through its orthogonal
 * projection onto span(W^T U) in R^d. With Q an orthonormal basis of that span,
 * h_j^mm = Q Q^T h_j is the smallest part of h_j that generates the L_mm part of its logits; the remainder
 * h_j - h_j^mm produces no logit in span(U) (it carries the in-F part). When span(W^T U) is all of R^d the
 * component equals h_j (reported as component dimension = d).
 *
 * <p>For a set of vectors y_j with classes c(j): the within-class cosine is the mean over classes with at least
 * two members of the mean pairwise cosine within the class (zero vectors skipped); the NC1-style ratio is
 * tr(Sigma_W)/tr(Sigma_B) with Sigma_W = (1/m) sum_j (y_j - mu_c(j))(...)^T and
 * Sigma_B = (1/C) sum_c (mu_c - mu)(...)^T, mu the mean of all y_j. Both are NaN when undefined.
 */
public final class SubspaceCollapse {
    private SubspaceCollapse() {}

    /** Within-class cosine and variability ratio of one set of vectors. */
    public record ClassStats(double withinCosine, double variabilityRatio) {}

    /** The statistics for the L_mm component, raw H, and the remainder, plus the component dimension. */
    public record Result(ClassStats mmComponent, ClassStats raw, ClassStats remainder, int componentDim) {}

    public static Result of(Matrix w, Matrix h, Matrix lmmU, int[] classes, int classCount) {
        Matrix q = componentBasis(w, lmmU);
        Matrix hmm = q.cols == 0 ? new Matrix(h.rows, h.cols) : Blas.multiply(q, false, Blas.multiply(q, true, h, false), false);
        Matrix rest = h.minus(hmm);
        return new Result(stats(hmm, classes, classCount), stats(h, classes, classCount), stats(rest, classes, classCount), q.cols);
    }

    /** Orthonormal basis (d x r') of span(W^T U). */
    public static Matrix componentBasis(Matrix w, Matrix lmmU) {
        Matrix b = Blas.multiply(w, true, lmmU, false);
        if (b.cols == 0 || b.rows == 0) return new Matrix(w.cols, 0);
        Svd svd = Svd.of(b);
        int r = 0;
        double tol = Math.max(b.rows, b.cols) * 1e-12 * (svd.s.length == 0 ? 0 : svd.s[0]);
        for (double x : svd.s) if (x > tol) r++;
        return svd.u.columns(0, r);
    }

    /** Within-class cosine and NC1-style ratio of the columns of {@code y}. */
    public static ClassStats stats(Matrix y, int[] classes, int classCount) {
        int d = y.rows, m = y.cols;
        double[] unitSum = new double[d * classCount];
        double[] mean = new double[d * classCount];
        int[] size = new int[classCount];
        int[] nonZero = new int[classCount];
        double[] global = new double[d];
        for (int j = 0; j < m; j++) {
            int c = classes[j];
            size[c]++;
            double norm = 0;
            for (int i = 0; i < d; i++) norm += y.data[i + j * d] * y.data[i + j * d];
            norm = Math.sqrt(norm);
            if (norm > 0) nonZero[c]++;
            for (int i = 0; i < d; i++) {
                double v = y.data[i + j * d];
                if (norm > 0) unitSum[i + c * d] += v / norm;
                mean[i + c * d] += v;
                global[i] += v;
            }
        }
        double cosSum = 0;
        int cosClasses = 0;
        for (int c = 0; c < classCount; c++) {
            int n = nonZero[c];
            if (n < 2) continue;
            double s2 = 0;
            for (int i = 0; i < d; i++) s2 += unitSum[i + c * d] * unitSum[i + c * d];
            cosSum += (s2 - n) / ((double) n * (n - 1));
            cosClasses++;
        }
        double within = 0, between = 0;
        for (int i = 0; i < d; i++) global[i] /= m;
        for (int c = 0; c < classCount; c++) {
            for (int i = 0; i < d; i++) {
                mean[i + c * d] /= size[c];
                double x = mean[i + c * d] - global[i];
                between += x * x;
            }
        }
        between /= classCount;
        boolean anyPair = false;
        for (int j = 0; j < m; j++) {
            int c = classes[j];
            if (size[c] >= 2) anyPair = true;
            for (int i = 0; i < d; i++) {
                double x = y.data[i + j * d] - mean[i + c * d];
                within += x * x;
            }
        }
        within /= m;
        double ratio = anyPair && between > 0 ? within / between : Double.NaN;
        return new ClassStats(cosClasses == 0 ? Double.NaN : cosSum / cosClasses, ratio);
    }
}
