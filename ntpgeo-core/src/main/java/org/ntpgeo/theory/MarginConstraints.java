package org.ntpgeo.theory;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/**
 * The NTP-SVM* feasible set C = {L : per column j, L[z,j] = c_j on S_j and L[v,j] <= c_j - 1 off S_j} and its
 * dual cone K = {Lambda : 1^T Lambda[:,j] = 0, Lambda[v,j] <= 0 off S_j}, column by column.
 *
 * <p>Euclidean projection of a column y onto C_j: for a fixed level c the best x has x = c on S_j and
 * x_v = min(y_v, c - 1) off S_j, so c minimises the convex piecewise quadratic
 * f(c) = sum_{S_j} (c - y_z)^2 + sum_{v not in S_j} max(y_v + 1 - c, 0)^2, whose root condition is
 * c = (sum_{S_j} y_z + sum_{A} t_v) / (k_j + |A|) with t_v = y_v + 1 and A = {v : t_v > c}. Starting from
 * c = mean_{S_j} y (a lower bound of the root) the fixed-point iteration raises c and shrinks A monotonically
 * (Michelot-style) and stops after finitely many passes at the exact root.
 */
final class MarginConstraints {
    private final NtpDataset ds;
    private final int v;
    private final int m;
    /** inSupport mask per entry (V*m booleans), column-major. */
    private final boolean[] onSupport;

    MarginConstraints(NtpDataset ds) {
        this.ds = ds;
        this.v = ds.vocabSize();
        this.m = ds.contextCount();
        this.onSupport = new boolean[Math.multiplyExact(v, m)];
        for (int j = 0; j < m; j++) for (int k = ds.start(j); k < ds.end(j); k++) onSupport[ds.token(k) + j * v] = true;
    }

    boolean onSupport(int i, int j) {
        return onSupport[i + j * v];
    }

    /** True when some (v, j) is off-support, i.e. there is at least one margin constraint. */
    boolean hasMarginConstraint() {
        return ds.nonZeros() < (long) v * m;
    }

    /** Projects y onto C in place, column by column (exact up to rounding). */
    void projectInPlace(Matrix y) {
        int[] active = new int[v];
        for (int j = 0; j < m; j++) projectColumn(y.data, j, active);
    }

    /** Projects columns [from, to) (for parallel use). */
    void projectColumns(Matrix y, int from, int to) {
        int[] active = new int[v];
        for (int j = from; j < to; j++) projectColumn(y.data, j, active);
    }

    private void projectColumn(double[] d, int j, int[] active) {
        int off = j * v;
        int a = ds.start(j), b = ds.end(j), k = b - a;
        double sumS = 0;
        for (int t = a; t < b; t++) sumS += d[off + ds.token(t)];
        double c = sumS / k;
        int na = 0;
        double sumA = 0;
        for (int i = 0; i < v; i++) {
            if (onSupport[off + i]) continue;
            double t = d[off + i] + 1;
            if (t > c) {
                active[na++] = i;
                sumA += t;
            }
        }
        while (na > 0) {
            double cNew = (sumS + sumA) / (k + na);
            int keep = 0;
            double sumKeep = 0;
            for (int q = 0; q < na; q++) {
                double t = d[off + active[q]] + 1;
                if (t > cNew) {
                    active[keep++] = active[q];
                    sumKeep += t;
                }
            }
            c = cNew;
            if (keep == na) break;
            na = keep;
            sumA = sumKeep;
            if (na == 0) c = sumS / k; // unreachable in exact arithmetic (c only increases); kept for safety
        }
        for (int i = 0; i < v; i++) {
            int p = off + i;
            if (onSupport[p]) d[p] = c;
            else if (d[p] > c - 1) d[p] = c - 1;
        }
    }

    /**
     * Makes Lambda an exact member of K in place: off-support entries clipped to <= 0, then the column sum
     * removed from the in-support entries only (this keeps the off-support signs). Returns nothing; the
     * dual objective of a member of K is {@link #dualObjective(Matrix)}.
     */
    void repairDualInPlace(Matrix lambda) {
        double[] d = lambda.data;
        for (int j = 0; j < m; j++) {
            int off = j * v;
            double sum = 0;
            for (int i = 0; i < v; i++) {
                int p = off + i;
                if (!onSupport[p] && d[p] > 0) d[p] = 0;
                sum += d[p];
            }
            double shift = sum / ds.supportSize(j);
            for (int t = ds.start(j); t < ds.end(j); t++) d[off + ds.token(t)] -= shift;
        }
    }

    /** <Lambda, S> = sum of in-support entries (equals sum of -Lambda off support for members of K). */
    double dualObjective(Matrix lambda) {
        double s = 0;
        for (int j = 0; j < m; j++) for (int t = ds.start(j); t < ds.end(j); t++) s += lambda.data[ds.token(t) + j * v];
        return s;
    }

    /** max_j (max_{S_j} L - min_{S_j} L): violation of the equality constraints. */
    double equalitySpread(Matrix l) {
        double worst = 0;
        for (int j = 0; j < m; j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int t = ds.start(j); t < ds.end(j); t++) {
                double x = l.data[ds.token(t) + j * v];
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            worst = Math.max(worst, hi - lo);
        }
        return worst;
    }

    /** max_j max(0, 1 - (min_{S_j} L - max_{v not in S_j} L)): violation of the unit margins. */
    double marginShortfall(Matrix l) {
        double worst = 0;
        for (int j = 0; j < m; j++) {
            double lo = Double.POSITIVE_INFINITY, hiOff = Double.NEGATIVE_INFINITY;
            int off = j * v;
            for (int i = 0; i < v; i++) {
                double x = l.data[off + i];
                if (onSupport[off + i]) lo = Math.min(lo, x);
                else hiOff = Math.max(hiOff, x);
            }
            if (hiOff > Double.NEGATIVE_INFINITY) worst = Math.max(worst, 1 - (lo - hiOff));
        }
        return worst;
    }
}
