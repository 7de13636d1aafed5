package org.ntpgeo.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ntpgeo.linalg.Matrix;

/**
 * The NTP dataset of theory.md: m distinct contexts over a vocabulary of V tokens with the counts c[z, j] of
 * token z following context j, stored sparse by context (CSC: {@code colPtr}, {@code tokens}, {@code counts};
 * tokens ascending within each context). Immutable. Optionally carries the token strings and the input-token
 * ids of each context (m x (T-1)).
 *
 * <p>Derived quantities (theory.md "Data"): n, pi_j, p_j, supports S_j, support classes, entropy H.
 */
public final class NtpDataset {
    private final int vocabSize;
    private final int contextCount;
    private final int[] colPtr;
    private final int[] tokens;
    private final long[] counts;
    private final String[] vocab;
    private final int contextWidth;
    private final int[] contextTokens;

    private final long n;
    private final long[] contextTotals;
    private SupportClasses supportClassIndex;

    /**
     * @param colPtr        m+1 offsets into {@code tokens}/{@code counts}
     * @param tokens        next-token ids, strictly ascending within each context
     * @param counts        counts >= 1
     * @param vocab         token strings (length V) or null
     * @param contextWidth  T-1, or 0 when contexts are not given (synthetic sets)
     * @param contextTokens row-major m x contextWidth input-token ids, or null
     */
    public NtpDataset(int vocabSize, int[] colPtr, int[] tokens, long[] counts, String[] vocab, int contextWidth,
                      int[] contextTokens) {
        if (vocabSize < 1) throw new IllegalArgumentException("V must be >= 1, got " + vocabSize);
        if (colPtr.length < 1 || colPtr[0] != 0) throw new IllegalArgumentException("colPtr must start at 0");
        this.vocabSize = vocabSize;
        this.contextCount = colPtr.length - 1;
        this.colPtr = colPtr;
        this.tokens = tokens;
        this.counts = counts;
        this.vocab = vocab;
        this.contextWidth = contextWidth;
        this.contextTokens = contextTokens;
        if (tokens.length != counts.length || colPtr[contextCount] != tokens.length) {
            throw new IllegalArgumentException("inconsistent sparse arrays");
        }
        if (vocab != null && vocab.length != vocabSize) {
            throw new IllegalArgumentException("vocab has " + vocab.length + " strings for V=" + vocabSize);
        }
        if (contextTokens != null && contextTokens.length != (long) contextCount * contextWidth) {
            throw new IllegalArgumentException("contexts array has wrong length");
        }
        long total = 0;
        contextTotals = new long[contextCount];
        for (int j = 0; j < contextCount; j++) {
            if (colPtr[j + 1] <= colPtr[j]) throw new IllegalArgumentException("context " + j + " has no next token");
            long cj = 0;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                if (tokens[k] < 0 || tokens[k] >= vocabSize) throw new IllegalArgumentException("token id " + tokens[k] + " outside [0, V)");
                if (k > colPtr[j] && tokens[k] <= tokens[k - 1]) throw new IllegalArgumentException("tokens of context " + j + " not strictly ascending");
                if (counts[k] < 1) throw new IllegalArgumentException("count " + counts[k] + " < 1 at context " + j);
                cj = addCounts(cj, counts[k]);
            }
            contextTotals[j] = cj;
            total = addCounts(total, cj);
        }
        this.n = total;
    }

    private static long addCounts(long a, long b) {
        long r = a + b;
        if (r < 0) throw new IllegalArgumentException("the counts sum to more than 2^63-1 (int64 overflow)");
        return r;
    }

    /** Build from per-context maps token -> count (tokens are sorted here). */
    public static NtpDataset fromColumns(int vocabSize, List<Map<Integer, Long>> columns, String[] vocab) {
        int m = columns.size();
        int[] colPtr = new int[m + 1];
        for (int j = 0; j < m; j++) colPtr[j + 1] = colPtr[j] + columns.get(j).size();
        int[] tok = new int[colPtr[m]];
        long[] cnt = new long[colPtr[m]];
        for (int j = 0; j < m; j++) {
            int[] keys = columns.get(j).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int k = 0; k < keys.length; k++) {
                tok[colPtr[j] + k] = keys[k];
                cnt[colPtr[j] + k] = columns.get(j).get(keys[k]);
            }
        }
        return new NtpDataset(vocabSize, colPtr, tok, cnt, vocab, 0, null);
    }

    /** V: vocabulary size (rows of the logit matrix). */
    public int vocabSize() {
        return vocabSize;
    }

    /** m: number of distinct contexts (columns of the logit matrix). */
    public int contextCount() {
        return contextCount;
    }

    /** n: total number of (context, next-token) pairs. */
    public long pairCount() {
        return n;
    }

    /** Number of stored (token, context) pairs with a positive count. */
    public int nonZeros() {
        return tokens.length;
    }

    public int[] colPtr() {
        return colPtr.clone();
    }

    public int[] supportTokensFlat() {
        return tokens.clone();
    }

    public long[] countsFlat() {
        return counts.clone();
    }

    /** Offset of context j's first entry in the flat arrays; entries run to {@link #end(int)}. */
    public int start(int j) {
        return colPtr[j];
    }

    public int end(int j) {
        return colPtr[j + 1];
    }

    /** Token id of flat entry k. */
    public int token(int k) {
        return tokens[k];
    }

    /** Count of flat entry k. */
    public long count(int k) {
        return counts[k];
    }

    /** k_j = |S_j|. */
    public int supportSize(int j) {
        return colPtr[j + 1] - colPtr[j];
    }

    /** The sorted support S_j. */
    public int[] support(int j) {
        return Arrays.copyOfRange(tokens, colPtr[j], colPtr[j + 1]);
    }

    /** sum_z c[z, j]. */
    public long contextTotal(int j) {
        return contextTotals[j];
    }

    /** pi_j = (sum_z c[z, j]) / n. */
    public double pi(int j) {
        return (double) contextTotals[j] / n;
    }

    /** p_j[token(k)] for flat entry k of context j. */
    public double probability(int j, int k) {
        return (double) counts[k] / contextTotals[j];
    }

    /** Entropy lower bound H = - sum_j pi_j sum_z p_j[z] log p_j[z] (nats). */
    public double entropy() {
        double h = 0;
        for (int j = 0; j < contextCount; j++) {
            double hj = 0;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                double p = probability(j, k);
                hj -= p * Math.log(p);
            }
            h += pi(j) * hj;
        }
        return h;
    }

    /** The V x m matrix of p_j (columns sum to 1). */
    public Matrix probabilityMatrix() {
        Matrix p = new Matrix(vocabSize, contextCount);
        for (int j = 0; j < contextCount; j++) for (int k = colPtr[j]; k < colPtr[j + 1]; k++) p.set(tokens[k], j, probability(j, k));
        return p;
    }

    /** The support classes of this dataset ({@link SupportClasses}), computed once and cached. */
    public synchronized SupportClasses supportClassIndex() {
        if (supportClassIndex == null) supportClassIndex = SupportClasses.of(this);
        return supportClassIndex;
    }

    /**
     * Support class of each context: contexts with equal support sets share a class; class ids are numbered in
     * order of first occurrence over contexts 0..m-1 (see {@link SupportClasses}).
     */
    public int[] supportClasses() {
        return supportClassIndex().contextClasses();
    }

    public int supportClassCount() {
        return supportClassIndex().classCount();
    }

    /** Token strings (length V), or null for synthetic sets without names. */
    public String[] vocab() {
        return vocab == null ? null : vocab.clone();
    }

    /** Display name of token z: its string if known, otherwise {@code #z}. */
    public String tokenName(int z) {
        return vocab == null ? "#" + z : vocab[z];
    }

    /** T-1, or 0 when the dataset carries no context tokens. */
    public int contextWidth() {
        return contextWidth;
    }

    /** Input-token ids of context j (length T-1), or null when absent. */
    public int[] contextTokens(int j) {
        return contextTokens == null ? null : Arrays.copyOfRange(contextTokens, j * contextWidth, (j + 1) * contextWidth);
    }

    /** Row-major m x (T-1) context-token ids, or null. */
    public int[] contextTokensFlat() {
        return contextTokens == null ? null : contextTokens.clone();
    }
}
