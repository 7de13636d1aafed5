package org.ntpgeo.data;

import java.util.Arrays;

/**
 * The support classes of a dataset (theory.md "Support classes"): contexts with the same support set S_j form a
 * class. Classes are numbered 0..C-1 in order of first occurrence over contexts 0..m-1 (so the numbering is
 * deterministic and, when every support is distinct, the identity). Each class keeps its sorted support tokens, its
 * size n_c and its first context. Built in one pass over the sparse supports with an open-addressing table keyed by
 * a 64-bit hash of the sorted support (equal hashes are confirmed token by token), so grouping costs O(nnz) time
 * and O(m + C) memory beyond the dataset; no V x m array is formed. Immutable.
 */
public final class SupportClasses {
    private final int vocabSize;
    private final int[] contextClass;
    private final int[] classSize;
    private final int[] firstContext;
    private final int[] supportPtr;
    private final int[] supportTokens;

    private SupportClasses(int vocabSize, int[] contextClass, int[] classSize, int[] firstContext, int[] supportPtr,
                           int[] supportTokens) {
        this.vocabSize = vocabSize;
        this.contextClass = contextClass;
        this.classSize = classSize;
        this.firstContext = firstContext;
        this.supportPtr = supportPtr;
        this.supportTokens = supportTokens;
    }

    /** Groups the contexts of {@code ds} by support. */
    public static SupportClasses of(NtpDataset ds) {
        int m = ds.contextCount();
        int[] cls = new int[m];
        int[] first = new int[Math.max(16, Math.min(m, 1 << 16))];
        long[] slotHash = new long[64];
        int[] slotClass = new int[64]; // class id + 1, 0 = empty
        int count = 0;
        for (int j = 0; j < m; j++) {
            long h = hash(ds, j);
            int mask = slotClass.length - 1;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            int id = -1;
            while (slotClass[slot] != 0) {
                int c = slotClass[slot] - 1;
                if (slotHash[slot] == h && sameSupport(ds, first[c], j)) {
                    id = c;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (id < 0) {
                id = count++;
                if (id == first.length) first = Arrays.copyOf(first, Math.min(m, 2 * first.length));
                first[id] = j;
                slotHash[slot] = h;
                slotClass[slot] = id + 1;
                if (2L * count > slotClass.length) { // keep the load factor at most 1/2
                    long[] oldHash = slotHash;
                    int[] oldClass = slotClass;
                    slotHash = new long[2 * oldHash.length];
                    slotClass = new int[2 * oldClass.length];
                    int mask2 = slotClass.length - 1;
                    for (int s = 0; s < oldClass.length; s++) {
                        if (oldClass[s] == 0) continue;
                        int t = (int) (oldHash[s] ^ (oldHash[s] >>> 32)) & mask2;
                        while (slotClass[t] != 0) t = (t + 1) & mask2;
                        slotHash[t] = oldHash[s];
                        slotClass[t] = oldClass[s];
                    }
                }
            }
            cls[j] = id;
        }
        first = Arrays.copyOf(first, count);
        int[] size = new int[count];
        for (int c : cls) size[c]++;
        int[] ptr = new int[count + 1];
        for (int c = 0; c < count; c++) ptr[c + 1] = ptr[c] + ds.supportSize(first[c]);
        int[] tokens = new int[ptr[count]];
        for (int c = 0; c < count; c++) {
            int j = first[c];
            for (int k = ds.start(j), t = ptr[c]; k < ds.end(j); k++, t++) tokens[t] = ds.token(k);
        }
        return new SupportClasses(ds.vocabSize(), cls, size, first, ptr, tokens);
    }

    private static long hash(NtpDataset ds, int j) {
        long h = 0x9E3779B97F4A7C15L * (ds.supportSize(j) + 1);
        for (int k = ds.start(j); k < ds.end(j); k++) {
            h = (h ^ (ds.token(k) + 1)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    private static boolean sameSupport(NtpDataset ds, int a, int b) {
        int ka = ds.supportSize(a);
        if (ka != ds.supportSize(b)) return false;
        for (int t = 0; t < ka; t++) if (ds.token(ds.start(a) + t) != ds.token(ds.start(b) + t)) return false;
        return true;
    }

    /** V. */
    public int vocabSize() {
        return vocabSize;
    }

    /** m: the number of contexts grouped. */
    public int contextCount() {
        return contextClass.length;
    }

    /** C: the number of distinct supports. */
    public int classCount() {
        return classSize.length;
    }

    /** m / C (1 when every support is distinct). */
    public double reduction() {
        return classCount() == 0 ? 1 : (double) contextCount() / classCount();
    }

    /** The class of context j. */
    public int classOf(int j) {
        return contextClass[j];
    }

    /** The class of every context (a copy, length m). */
    public int[] contextClasses() {
        return contextClass.clone();
    }

    /** n_c: the number of contexts in class c. */
    public int size(int c) {
        return classSize[c];
    }

    /** n_c of every class (a copy, length C). */
    public int[] sizes() {
        return classSize.clone();
    }

    /** The largest class size (0 when there are no contexts). */
    public int largestSize() {
        int max = 0;
        for (int s : classSize) max = Math.max(max, s);
        return max;
    }

    /** The first context (lowest index) of class c. */
    public int firstContext(int c) {
        return firstContext[c];
    }

    /** Offset of class c's first support token; its tokens run to {@link #supportEnd(int)} (ascending). */
    public int supportStart(int c) {
        return supportPtr[c];
    }

    public int supportEnd(int c) {
        return supportPtr[c + 1];
    }

    /** Support token at offset k (see {@link #supportStart(int)}). */
    public int token(int k) {
        return supportTokens[k];
    }

    /** |S_c|. */
    public int supportSize(int c) {
        return supportPtr[c + 1] - supportPtr[c];
    }

    /** The sorted support S_c (a copy). */
    public int[] support(int c) {
        return Arrays.copyOfRange(supportTokens, supportPtr[c], supportPtr[c + 1]);
    }

    /** Number of stored (token, class) pairs: the sum of |S_c|. */
    public int nonZeros() {
        return supportTokens.length;
    }
}
