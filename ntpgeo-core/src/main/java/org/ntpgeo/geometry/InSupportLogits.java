package org.ntpgeo.geometry;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/**
 * L_in (theory.md "Subspace F"), which is zero off the supports, stored as one value per (context, support token)
 * in the dataset's order (nnz values instead of V x m), with the metrics that compare logits with it column by
 * column: the direction gap of Lc - L_in to a class-level reference and the soft-label gap ||P_F(L) - L_in||_F.
 * L_in depends on p_j, so it does not reduce to support classes; sparsity is what keeps it small.
 */
public final class InSupportLogits {
    private final NtpDataset ds;
    private final double[] values;
    private final double norm;

    private InSupportLogits(NtpDataset ds, double[] values) {
        this.ds = ds;
        this.values = values;
        double s = 0;
        for (double x : values) s += x * x;
        this.norm = Math.sqrt(s);
    }

    /** L_in[z, j] = log p_j[z] - mean_{z' in S_j} log p_j[z'] on S_j. */
    public static InSupportLogits of(NtpDataset ds) {
        double[] v = new double[ds.nonZeros()];
        for (int j = 0; j < ds.contextCount(); j++) {
            int a = ds.start(j), b = ds.end(j);
            double mean = 0;
            for (int k = a; k < b; k++) mean += Math.log(ds.probability(j, k));
            mean /= (b - a);
            for (int k = a; k < b; k++) v[k] = Math.log(ds.probability(j, k)) - mean;
        }
        return new InSupportLogits(ds, v);
    }

    public double frobeniusNorm() {
        return norm;
    }

    /** The value at position k of the dataset's support list (context j holds positions start(j)..end(j)-1). */
    public double value(int k) {
        return values[k];
    }

    /** ||P_F(L) - L_in||_F: per column, the entries of L on S_j minus their mean, against L_in (nothing V x m is formed). */
    public double softLabelGap(Matrix l) {
        check(l);
        int v = l.rows;
        double s = 0;
        for (int j = 0; j < l.cols; j++) {
            int a = ds.start(j), b = ds.end(j), off = j * v;
            double mean = 0;
            for (int k = a; k < b; k++) mean += l.data[off + ds.token(k)];
            mean /= (b - a);
            for (int k = a; k < b; k++) {
                double x = l.data[off + ds.token(k)] - mean - values[k];
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    /** ||A - L_in||_F without forming A - L_in (column by column, no cancellation: A = L_in gives exactly 0). */
    public double distance(Matrix a) {
        check(a);
        int v = a.rows;
        double[] col = new double[v];
        double s = 0;
        for (int j = 0; j < a.cols; j++) {
            System.arraycopy(a.data, j * v, col, 0, v);
            subtractColumn(j, col);
            for (int i = 0; i < v; i++) s += col[i] * col[i];
        }
        return Math.sqrt(s);
    }

    /** col -= column j of L_in (col: a V-vector). */
    void subtractColumn(int j, double[] col) {
        for (int k = ds.start(j); k < ds.end(j); k++) col[ds.token(k)] -= values[k];
    }

    /** The dense V x m matrix (tests, small data). */
    public Matrix toDense() {
        Matrix out = new Matrix(ds.vocabSize(), ds.contextCount());
        for (int j = 0; j < ds.contextCount(); j++) {
            for (int k = ds.start(j); k < ds.end(j); k++) out.data[ds.token(k) + j * out.rows] = values[k];
        }
        return out;
    }

    private void check(Matrix l) {
        if (l.rows != ds.vocabSize() || l.cols != ds.contextCount()) {
            throw new IllegalArgumentException("logits are " + l.rows + "x" + l.cols + ", dataset is " + ds.vocabSize() + "x" + ds.contextCount());
        }
    }
}
