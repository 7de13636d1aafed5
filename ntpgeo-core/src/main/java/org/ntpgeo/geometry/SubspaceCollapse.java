package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/**
 * Subspace collapse (theory.md C4, Prop. 1), measured so that it can fail.
 *
 * <p>For a support class S (contexts with the same support set) let T_S = span{w_z - w_z' : z, z' in S} in R^d
 * (W^T (e_z - e_z'); it does not change when W is centred). The part of h_j in T_S sets the in-support log-odds
 * of context j; Prop. 1 says the rest, g_j = (I - Q_S Q_S^T) h_j with Q_S an orthonormal basis of T_S, aligns
 * within the class. The projection depends only on the support, so it is shared by the members of a class.
 *
 * <p>Statistic: for each class c with at least two contexts whose g_j is non-zero (||g_j|| >= 1e-6 ||h_j||), the
 * mean pairwise cosine of its g_j, computed exactly as (||sum u_j||^2 - n)/(n (n - 1)) with u_j = g_j/||g_j||;
 * then the mean over classes (every class weighs the same, whatever its size). Beside it, under the same
 * projections:
 * <ul>
 *   <li>member-to-non-member cosine: for each class, the mean cosine between its u_j and P_S h_k / ||.|| for a
 *   seeded sample of at most {@link #NONMEMBER_SAMPLE} contexts k outside the class; mean over classes;</li>
 *   <li>null: the class labels of the contexts that take part are permuted ({@link #NULL_SHUFFLES} seeded
 *   permutations, class sizes kept, the same permutations at every checkpoint) and the statistic is recomputed,
 *   each context now projected with the T_S of the label it received; mean and standard deviation (n - 1) over
 *   the permutations.</li>
 * </ul>
 * Extra columns: the within-class cosine of raw h, of the T_S components Q_S Q_S^T h_j (suppressed, i.e. skipped,
 * when that component is below 1e-6 of ||h_j||), and the NC1-style ratio of raw h.
 * C4 is n/a when fewer than {@link #MIN_CLASSES} support classes have two or more contexts.
 */
public final class SubspaceCollapse {
    /** Classes with two or more contexts that C4 needs. */
    public static final int MIN_CLASSES = 3;
    /** Permutations of the class labels in the null. */
    public static final int NULL_SHUFFLES = 30;
    /** Non-members per class in the member-to-non-member baseline. */
    public static final int NONMEMBER_SAMPLE = 64;
    /** A projected vector shorter than this times ||h_j|| counts as zero and is skipped. */
    public static final double ZERO_NORM = 1e-6;
    /** A difference w_z - w_z0 adds a basis vector of T_S when its residual exceeds this times its norm. */
    static final double RANK_TOL = 1e-9;

    private final int[][] members;
    private final int[][] supports;
    private final int[] participants;
    private final int[][] shuffled;
    private final int[][] nonMembers;
    private final int[] allClasses;
    private final int allClassCount;
    private final String naReason;

    /**
     * Prepares the classes, the non-member samples and the permutations of {@code ds} (seeded: the same
     * {@code seed} gives the same null at every checkpoint and in every run on the same dataset).
     */
    public SubspaceCollapse(NtpDataset ds, long seed) {
        allClasses = ds.supportClasses();
        allClassCount = ds.supportClassCount();
        int[] size = new int[allClassCount];
        for (int c : allClasses) size[c]++;
        int[] dense = new int[allClassCount];
        int used = 0;
        for (int c = 0; c < allClassCount; c++) dense[c] = size[c] >= 2 ? used++ : -1;
        members = new int[used][];
        supports = new int[used][];
        int[] fill = new int[used];
        for (int c = 0; c < allClassCount; c++) if (dense[c] >= 0) members[dense[c]] = new int[size[c]];
        List<Integer> part = new ArrayList<>();
        int[] labelOfParticipant = new int[ds.contextCount()];
        for (int j = 0; j < ds.contextCount(); j++) {
            int c = dense[allClasses[j]];
            if (c < 0) continue;
            if (fill[c] == 0) supports[c] = ds.support(j);
            members[c][fill[c]++] = j;
            labelOfParticipant[part.size()] = c;
            part.add(j);
        }
        participants = part.stream().mapToInt(Integer::intValue).toArray();
        naReason = used < MIN_CLASSES ? "only " + used + " support class" + (used == 1 ? " has" : "es have")
                + " two or more contexts (C4 needs " + MIN_CLASSES + ")" : null;
        Random rng = new Random(seed);
        shuffled = new int[naReason == null ? NULL_SHUFFLES : 0][];
        for (int s = 0; s < shuffled.length; s++) {
            int[] lab = Arrays.copyOf(labelOfParticipant, participants.length);
            for (int i = lab.length - 1; i > 0; i--) {
                int r = rng.nextInt(i + 1);
                int t = lab[i];
                lab[i] = lab[r];
                lab[r] = t;
            }
            shuffled[s] = lab;
        }
        nonMembers = new int[used][];
        for (int c = 0; c < used && naReason == null; c++) nonMembers[c] = sampleNonMembers(members[c], allClasses, ds.contextCount(), rng);
    }

    /**
     * A seeded sample of at most {@link #NONMEMBER_SAMPLE} distinct contexts outside {@code cls} (all of them when
     * there are no more): rejection sampling when the class is a small part of the data, else a partial shuffle.
     */
    private static int[] sampleNonMembers(int[] cls, int[] classOf, int m, Random rng) {
        int own = classOf[cls[0]];
        int outside = m - cls.length;
        int take = Math.min(NONMEMBER_SAMPLE, outside);
        if (outside >= 4 * NONMEMBER_SAMPLE) {
            java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
            while (picked.size() < take) {
                int j = rng.nextInt(m);
                if (classOf[j] != own) picked.add(j);
            }
            return picked.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] pool = new int[outside];
        for (int j = 0, t = 0; j < m; j++) if (classOf[j] != own) pool[t++] = j;
        for (int i = 0; i < take; i++) {
            int r = i + rng.nextInt(outside - i);
            int t = pool[i];
            pool[i] = pool[r];
            pool[r] = t;
        }
        return Arrays.copyOf(pool, take);
    }

    /** Why C4 cannot be measured on this dataset, or null. */
    public String naReason() {
        return naReason;
    }

    /** Number of support classes with two or more contexts. */
    public int eligibleClasses() {
        return members.length;
    }

    /**
     * The C4 numbers of one checkpoint (NaN with {@code reason} when undefined).
     *
     * @param nullValues the statistic under each permutation (NaN entries when undefined for that permutation)
     * @param classes    classes that entered the statistic
     * @param skipped    contexts of eligible classes whose projection was zero (skipped)
     */
    public record Result(double within, double nonMember, double nullMean, double nullSd, double[] nullValues, double raw,
                         double tsComponent, double nc1Raw, int classes, int skipped, String reason) {}

    public Result measure(Matrix w, Matrix h) {
        double rawCos = cosineOfRaw(h);
        double nc1 = stats(h, allClasses, allClassCount).variabilityRatio();
        if (naReason != null) return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[0], rawCos, Double.NaN, nc1, 0, 0, naReason);
        int d = h.rows;
        Matrix[] bases = new Matrix[members.length];
        for (int c = 0; c < members.length; c++) bases[c] = tsBasis(w, supports[c]);
        double[] hNorm = new double[h.cols];
        for (int j = 0; j < h.cols; j++) hNorm[j] = norm(h.data, j * d, d);

        // the statistic with the true labels, the T_S components, and the member-to-non-member baseline
        double[] g = new double[d], t = new double[d];
        double[] sum = new double[d], sumT = new double[d], sumOut = new double[d];
        double withinSum = 0, tsSum = 0, outSum = 0;
        int withinClasses = 0, tsClasses = 0, outClasses = 0, skipped = 0;
        for (int c = 0; c < members.length; c++) {
            Arrays.fill(sum, 0);
            Arrays.fill(sumT, 0);
            int n = 0, nT = 0;
            for (int j : members[c]) {
                project(bases[c], h, j, g, t);
                if (addUnit(sum, g, hNorm[j])) n++;
                else skipped++;
                if (addUnit(sumT, t, hNorm[j])) nT++;
            }
            if (n >= 2) {
                withinSum += meanPairCosine(sum, n);
                withinClasses++;
                Arrays.fill(sumOut, 0);
                int k = 0;
                for (int j : nonMembers[c]) {
                    project(bases[c], h, j, g, t);
                    if (addUnit(sumOut, g, hNorm[j])) k++;
                }
                if (k > 0) {
                    outSum += dot(sum, sumOut) / ((double) n * k);
                    outClasses++;
                }
            }
            if (nT >= 2) {
                tsSum += meanPairCosine(sumT, nT);
                tsClasses++;
            }
        }
        double ts = tsClasses == 0 ? Double.NaN : tsSum / tsClasses;
        double nonMember = outClasses == 0 ? Double.NaN : outSum / outClasses;
        if (withinClasses < MIN_CLASSES) {
            return new Result(Double.NaN, nonMember, Double.NaN, Double.NaN, new double[0], rawCos, ts, nc1, withinClasses, skipped,
                    "only " + withinClasses + " classes have two or more contexts whose embedding is non-zero off T_S (C4 needs " + MIN_CLASSES + ")");
        }
        double within = withinSum / withinClasses;

        // the null: labels permuted among the participating contexts, each projected with its new label's T_S
        double[] nullValues = new double[shuffled.length];
        double[][] sums = new double[members.length][d];
        int[] counts = new int[members.length];
        for (int s = 0; s < shuffled.length; s++) {
            for (double[] row : sums) Arrays.fill(row, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < participants.length; i++) {
                int c = shuffled[s][i], j = participants[i];
                project(bases[c], h, j, g, t);
                if (addUnit(sums[c], g, hNorm[j])) counts[c]++;
            }
            double acc = 0;
            int used = 0;
            for (int c = 0; c < members.length; c++) {
                if (counts[c] >= 2) {
                    acc += meanPairCosine(sums[c], counts[c]);
                    used++;
                }
            }
            nullValues[s] = used == 0 ? Double.NaN : acc / used;
        }
        double mean = 0, sd = 0;
        int finite = 0;
        for (double v : nullValues) if (Double.isFinite(v)) {
            mean += v;
            finite++;
        }
        mean = finite == 0 ? Double.NaN : mean / finite;
        for (double v : nullValues) if (Double.isFinite(v)) sd += (v - mean) * (v - mean);
        sd = finite < 2 ? Double.NaN : Math.sqrt(sd / (finite - 1));
        return new Result(within, nonMember, mean, sd, nullValues, rawCos, ts, nc1, withinClasses, skipped, null);
    }

    /** Mean within-class cosine of raw h over the eligible classes (NaN when none). */
    private double cosineOfRaw(Matrix h) {
        int d = h.rows;
        double[] sum = new double[d];
        double acc = 0;
        int used = 0;
        for (int[] cls : members) {
            Arrays.fill(sum, 0);
            int n = 0;
            for (int j : cls) {
                double nj = norm(h.data, j * d, d);
                if (nj > 0) {
                    for (int i = 0; i < d; i++) sum[i] += h.data[i + j * d] / nj;
                    n++;
                }
            }
            if (n >= 2) {
                acc += meanPairCosine(sum, n);
                used++;
            }
        }
        return used == 0 ? Double.NaN : acc / used;
    }

    /**
     * Orthonormal basis (d x r, r <= |S| - 1) of T_S = span{w_z - w_z0 : z in S} by modified Gram-Schmidt with
     * re-orthogonalisation; a difference whose residual is below {@link #RANK_TOL} of its norm adds nothing.
     */
    public static Matrix tsBasis(Matrix w, int[] support) {
        int d = w.cols, v = w.rows;
        if (support.length < 2) return new Matrix(d, 0);
        double[] q = new double[d * (support.length - 1)];
        int r = 0;
        int z0 = support[0];
        double[] x = new double[d];
        for (int a = 1; a < support.length; a++) {
            int z = support[a];
            for (int i = 0; i < d; i++) x[i] = w.data[z + i * v] - w.data[z0 + i * v];
            double n0 = norm(x, 0, d);
            if (!(n0 > 0)) continue;
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < r; b++) {
                    double p = 0;
                    for (int i = 0; i < d; i++) p += q[i + b * d] * x[i];
                    for (int i = 0; i < d; i++) x[i] -= p * q[i + b * d];
                }
            }
            double n1 = norm(x, 0, d);
            if (n1 > RANK_TOL * n0) {
                for (int i = 0; i < d; i++) q[i + r * d] = x[i] / n1;
                r++;
            }
        }
        return new Matrix(d, r, Arrays.copyOf(q, d * r));
    }

    /** g = (I - Q Q^T) h_j and t = Q Q^T h_j. */
    private static void project(Matrix q, Matrix h, int j, double[] g, double[] t) {
        int d = h.rows;
        Arrays.fill(t, 0);
        for (int b = 0; b < q.cols; b++) {
            double p = 0;
            for (int i = 0; i < d; i++) p += q.data[i + b * d] * h.data[i + j * d];
            for (int i = 0; i < d; i++) t[i] += p * q.data[i + b * d];
        }
        for (int i = 0; i < d; i++) g[i] = h.data[i + j * d] - t[i];
    }

    /** Adds x/||x|| to sum unless ||x|| < ZERO_NORM * reference (or reference = 0); true when added. */
    private static boolean addUnit(double[] sum, double[] x, double reference) {
        double n = norm(x, 0, x.length);
        if (!(reference > 0) || !(n >= ZERO_NORM * reference)) return false;
        for (int i = 0; i < x.length; i++) sum[i] += x[i] / n;
        return true;
    }

    /** Mean pairwise cosine of n unit vectors with sum s: (||s||^2 - n) / (n (n - 1)). */
    static double meanPairCosine(double[] s, int n) {
        return (dot(s, s) - n) / ((double) n * (n - 1));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += a[i] * a[i];
        return Math.sqrt(s);
    }

    /** Within-class cosine and NC1-style ratio of one set of vectors. */
    public record ClassStats(double withinCosine, double variabilityRatio) {}

    /**
     * Within-class cosine (mean over classes with two or more non-zero vectors of the mean pairwise cosine) and the
     * NC1-style ratio tr(Sigma_W)/tr(Sigma_B) with Sigma_W = (1/m) sum_j (y_j - mu_c(j))(...)^T and
     * Sigma_B = (1/C) sum_c (mu_c - mu)(...)^T, mu the mean of all y_j, of the columns of {@code y}; NaN when undefined.
     */
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
            double norm = norm(y.data, j * d, d);
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
