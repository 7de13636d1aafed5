package org.ntpgeo.train;

import java.nio.DoubleBuffer;
import java.util.function.IntToDoubleFunction;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.BlockPool;

/**
 * The soft-label NTP cross-entropy of theory.md on a block of logit columns, and its gradient with respect to
 * the logits: for context j with logits l_j (a column of length V),
 * <pre>  CE_j = logsumexp(l_j) - sum_{z in S_j} p_j[z] l_j[z],    dCE_j/dl_j = softmax(l_j) - p_j,</pre>
 * with a max-shifted (stable) log-sum-exp, one exp per entry. The loss is sum_j pi_j CE_j. Columns are split
 * into fixed chunks of {@link #CHUNK} that run in parallel on a {@link BlockPool}; each column is computed by one
 * thread in a fixed order and the chunks' partial sums are added in chunk order, so results do not depend on the
 * number of threads or on timing (bit-for-bit reproducible).
 */
public final class NtpObjective implements AutoCloseable {
    static final int CHUNK = 64;

    private final int vocab;
    private final int[] colPtr;
    private final int[] tokens;
    private final double[] prob;
    private final double[] pi;
    private final BlockPool pool;
    private final boolean ownsPool;

    /** The objective of {@code data} with its own pool of {@code threads} threads. */
    public NtpObjective(NtpDataset data, int threads) {
        this(data, new BlockPool(threads), true);
    }

    /** The objective of {@code data} on a shared pool (not closed by {@link #close()}). */
    public NtpObjective(NtpDataset data, BlockPool pool) {
        this(data, pool, false);
    }

    private NtpObjective(NtpDataset data, BlockPool pool, boolean ownsPool) {
        this.vocab = data.vocabSize();
        int m = data.contextCount();
        this.colPtr = data.colPtr();
        this.tokens = data.supportTokensFlat();
        long[] counts = data.countsFlat();
        this.prob = new double[tokens.length];
        this.pi = new double[m];
        double n = data.pairCount();
        for (int j = 0; j < m; j++) {
            double total = data.contextTotal(j);
            pi[j] = total / n;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) prob[k] = counts[k] / total;
        }
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    /**
     * Loss sum_t pi_{j_t} CE_{j_t} over the {@code b} logit columns in {@code logits} (V x b, column-major),
     * where column t belongs to context {@code cols[t]} ({@code cols == null}: column t is context t). When
     * {@code grad} (V x b) is not null it receives {@code gradScale * pi_j (softmax(l_j) - p_j)} per column.
     */
    public double evaluate(double[] logits, int b, int[] cols, double[] grad, double gradScale) {
        return parallelSum(b, c -> {
            double sum = 0;
            for (int t = c * CHUNK, end = Math.min(b, t + CHUNK); t < end; t++) {
                sum += column(logits, t * vocab, grad, t * vocab, cols == null ? t : cols[t], gradScale);
            }
            return sum;
        });
    }

    /** As {@link #evaluate(double[], int, int[], double[], double)} on native (direct) buffers, e.g. of a NativeMatrix. */
    public double evaluate(DoubleBuffer logits, int b, int[] cols, DoubleBuffer grad, double gradScale) {
        return parallelSum(b, c -> {
            double[] l = new double[vocab];
            double[] g = grad == null ? null : new double[vocab];
            double sum = 0;
            for (int t = c * CHUNK, end = Math.min(b, t + CHUNK); t < end; t++) {
                logits.get(t * vocab, l, 0, vocab);
                sum += column(l, 0, g, 0, cols == null ? t : cols[t], gradScale);
                if (g != null) grad.put(t * vocab, g, 0, vocab);
            }
            return sum;
        });
    }

    private double parallelSum(int b, IntToDoubleFunction chunk) {
        return pool.sum((b + CHUNK - 1) / CHUNK, chunk);
    }

    /** pi_j CE_j of one column (logits at {@code l[lo..lo+V)}); gradient into {@code g[go..go+V)} when g != null. */
    private double column(double[] l, int lo, double[] g, int go, int j, double gradScale) {
        int v = vocab;
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) mx = Math.max(mx, l[lo + i]);
        double s = 0;
        if (g != null) {
            for (int i = 0; i < v; i++) {
                double e = Math.exp(l[lo + i] - mx);
                g[go + i] = e;
                s += e;
            }
        } else {
            for (int i = 0; i < v; i++) s += Math.exp(l[lo + i] - mx);
        }
        double lse = mx + Math.log(s);
        double ce = 0;
        for (int k = colPtr[j]; k < colPtr[j + 1]; k++) ce += prob[k] * (lse - l[lo + tokens[k]]);
        if (g != null) {
            double w = gradScale * pi[j];
            double inv = w / s;
            for (int i = 0; i < v; i++) g[go + i] *= inv;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) g[go + tokens[k]] -= w * prob[k];
        }
        return pi[j] * ce;
    }

    public int vocabSize() {
        return vocab;
    }

    public int contextCount() {
        return pi.length;
    }

    @Override
    public void close() {
        if (ownsPool) pool.close();
    }
}
