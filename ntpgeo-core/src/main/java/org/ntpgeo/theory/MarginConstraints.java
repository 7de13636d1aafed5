package org.ntpgeo.theory;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SupportClasses;
import org.ntpgeo.linalg.Matrix;

/**
 * The feasible set of NTP-SVM* with per-column margins b_c, column by column:
 * C_b = {M : M[z,c] = mu_c on S_c and M[v,c] <= mu_c - b_c off S_c}, and its dual cone
 * K = {Y : 1^T Y[:,c] = 0, Y[v,c] <= 0 off S_c}. Two instances: the full problem (one column per context, b = 1,
 * {@link #forContexts}) and the support-class problem (one column per class, b_c = sqrt(n_c), {@link #forClasses};
 * theory.md "Support classes"). C_b is b_c times the unit-margin set column by column, so every quantity reported
 * in "unit-margin units" (spread, shortfall, off-support entries of A) is divided by b_c: it is then the value the
 * full problem would report for the expanded L = M N^(-1/2) D^T.
 *
 * <p>Euclidean projection of a column y onto C_b: for a fixed level c the best x has x = c on S and
 * x_v = min(y_v, c - b) off S, so c minimises the convex piecewise quadratic
 * f(c) = sum_S (c - y_z)^2 + sum_{v not in S} max(y_v + b - c, 0)^2, whose root condition is
 * c = (sum_S y_z + sum_A t_v) / (k + |A|) with t_v = y_v + b and A = {v : t_v > c}. Starting from c = mean_S y (a
 * lower bound of the root) the fixed-point iteration raises c and shrinks A monotonically (Michelot-style) and stops
 * after finitely many passes at the exact root.
 */
final class MarginConstraints {
    private final int v;
    private final int cols;
    private final int[] ptr;
    private final int[] tokens;
    private final double[] margin;
    /** in-support mask per entry (V * cols booleans), column-major. */
    private final boolean[] onSupport;

    private MarginConstraints(int v, int[] ptr, int[] tokens, double[] margin) {
        this.v = v;
        this.cols = ptr.length - 1;
        this.ptr = ptr;
        this.tokens = tokens;
        this.margin = margin;
        this.onSupport = new boolean[Math.multiplyExact(v, cols)];
        for (int c = 0; c < cols; c++) for (int k = ptr[c]; k < ptr[c + 1]; k++) onSupport[tokens[k] + c * v] = true;
    }

    /** The full problem: one column per context of {@code ds}, unit margins. */
    static MarginConstraints forContexts(NtpDataset ds) {
        int m = ds.contextCount();
        double[] b = new double[m];
        java.util.Arrays.fill(b, 1.0);
        return new MarginConstraints(ds.vocabSize(), ds.colPtr(), ds.supportTokensFlat(), b);
    }

    /** The support-class problem: one column per class, margin sqrt(n_c). */
    static MarginConstraints forClasses(SupportClasses sc) {
        int n = sc.classCount();
        int[] ptr = new int[n + 1];
        int[] tok = new int[sc.nonZeros()];
        double[] b = new double[n];
        for (int c = 0; c < n; c++) {
            ptr[c + 1] = sc.supportEnd(c);
            for (int k = sc.supportStart(c); k < sc.supportEnd(c); k++) tok[k] = sc.token(k);
            b[c] = Math.sqrt(sc.size(c));
        }
        return new MarginConstraints(sc.vocabSize(), ptr, tok, b);
    }

    int vocabSize() {
        return v;
    }

    int columns() {
        return cols;
    }

    double margin(int c) {
        return margin[c];
    }

    boolean onSupport(int i, int c) {
        return onSupport[i + c * v];
    }

    /** True when some (v, c) is off-support, i.e. there is at least one margin constraint. */
    boolean hasMarginConstraint() {
        return tokens.length < (long) v * cols;
    }

    /** Projects y onto C_b in place, column by column (exact up to rounding). */
    void projectInPlace(Matrix y) {
        int[] active = new int[v];
        for (int c = 0; c < cols; c++) projectColumn(y.data, c * v, c, active);
    }

    /**
     * Projects column {@code col} of the problem, stored in {@code d[off .. off + V)}, onto its set in place;
     * {@code active} is scratch of length V.
     */
    void projectColumn(double[] d, int off, int col, int[] active) {
        int mask = col * v;
        int a = ptr[col], e = ptr[col + 1], k = e - a;
        double b = margin[col];
        double sumS = 0;
        for (int t = a; t < e; t++) sumS += d[off + tokens[t]];
        double c = sumS / k;
        // first pass over the whole column, written without data-dependent branches (the comparisons go either way
        // about equally often near the optimum, where many off-support entries sit at the margin)
        int na = 0;
        double sumA = 0;
        for (int i = 0; i < v; i++) {
            double t = d[off + i] + b;
            boolean take = !onSupport[mask + i] & t > c;
            active[na] = i;
            na += take ? 1 : 0;
            sumA += take ? t : 0;
        }
        while (na > 0) {
            double cNew = (sumS + sumA) / (k + na);
            int keep = 0;
            double sumKeep = 0;
            for (int q = 0; q < na; q++) {
                int i = active[q];
                double t = d[off + i] + b;
                boolean take = t > cNew;
                active[keep] = i;
                keep += take ? 1 : 0;
                sumKeep += take ? t : 0;
            }
            c = cNew;
            if (keep == na) break;
            na = keep;
            sumA = sumKeep;
        }
        double cap = c - b;
        for (int i = 0; i < v; i++) d[off + i] = onSupport[mask + i] ? c : Math.min(d[off + i], cap);
    }

    /**
     * Makes Y an exact member of K in place: off-support entries clipped to <= 0, then the column sum removed from
     * the in-support entries only (this keeps the off-support signs).
     */
    void repairDualInPlace(Matrix y) {
        double[] d = y.data;
        for (int c = 0; c < cols; c++) {
            int off = c * v;
            double sum = 0;
            for (int i = 0; i < v; i++) {
                int p = off + i;
                if (!onSupport[p] && d[p] > 0) d[p] = 0;
                sum += d[p];
            }
            double shift = sum / (ptr[c + 1] - ptr[c]);
            for (int t = ptr[c]; t < ptr[c + 1]; t++) d[off + tokens[t]] -= shift;
        }
    }

    /**
     * Dual objective sum_c b_c sum_{S_c} Y[z,c] (for members of K equal to sum_c b_c sum_{v not in S_c} -Y[v,c]); a
     * lower bound of min ||M||_* over C_b once ||Y||_2 <= 1.
     */
    double dualObjective(Matrix y) {
        double s = 0;
        for (int c = 0; c < cols; c++) {
            double col = 0;
            for (int t = ptr[c]; t < ptr[c + 1]; t++) col += y.data[tokens[t] + c * v];
            s += margin[c] * col;
        }
        return s;
    }

    /** max_c (max_{S_c} M - min_{S_c} M) / b_c: violation of the equality constraints, in unit-margin units. */
    double equalitySpread(Matrix l) {
        double worst = 0;
        for (int c = 0; c < cols; c++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int t = ptr[c]; t < ptr[c + 1]; t++) {
                double x = l.data[tokens[t] + c * v];
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            worst = Math.max(worst, (hi - lo) / margin[c]);
        }
        return worst;
    }

    /** max_c max(0, b_c - (min_{S_c} M - max_{v not in S_c} M)) / b_c: violation of the margins, in unit-margin units. */
    double marginShortfall(Matrix l) {
        double worst = 0;
        for (int c = 0; c < cols; c++) {
            double lo = Double.POSITIVE_INFINITY, hiOff = Double.NEGATIVE_INFINITY;
            int off = c * v;
            for (int i = 0; i < v; i++) {
                double x = l.data[off + i];
                if (onSupport[off + i]) lo = Math.min(lo, x);
                else hiOff = Math.max(hiOff, x);
            }
            if (hiOff > Double.NEGATIVE_INFINITY) worst = Math.max(worst, (margin[c] - (lo - hiOff)) / margin[c]);
        }
        return worst;
    }

    /**
     * The centred support matrix of this problem: b_c (1 - k_c/V) on S_c and -b_c k_c/V elsewhere. For the class
     * problem this is S~_c N^(1/2), whose nuclear norm, rank and left singular vectors are those of the full S~.
     */
    Matrix centeredSupport() {
        Matrix s = new Matrix(v, cols);
        for (int c = 0; c < cols; c++) {
            double b = margin[c];
            double shift = (double) (ptr[c + 1] - ptr[c]) / v;
            int off = c * v;
            for (int i = 0; i < v; i++) s.data[off + i] = -b * shift;
            for (int t = ptr[c]; t < ptr[c + 1]; t++) s.data[off + tokens[t]] = b * (1 - shift);
        }
        return s;
    }

    /**
     * max over off-support (v, c) of a[v, c] / b_c; -infinity when no entry is off-support. For the polar factor A
     * of {@link #centeredSupport()} this is the largest off-support entry of the full problem's A (Prop. 3).
     */
    double maxOffSupport(Matrix a) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            int off = c * v;
            double colMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < v; i++) if (!onSupport[off + i]) colMax = Math.max(colMax, a.data[off + i]);
            if (colMax > Double.NEGATIVE_INFINITY) max = Math.max(max, colMax / margin[c]);
        }
        return max;
    }
}
