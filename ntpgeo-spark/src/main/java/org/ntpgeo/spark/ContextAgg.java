package org.ntpgeo.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The reduce value of the context pass: for one context, its next tokens (ascending ids) with their counts, the
 * total count, and the position of its first window (the minimum over all partitions). Merging is associative
 * and commutative, so the result does not depend on partitioning.
 */
public final class ContextAgg implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] next;
    final long[] counts;
    final long total;
    final long hi;
    final long lo;

    public ContextAgg(int[] next, long[] counts, long hi, long lo) {
        this.next = next;
        this.counts = counts;
        long t = 0;
        for (long c : counts) t += c;
        this.total = t;
        this.hi = hi;
        this.lo = lo;
    }

    /** Number of distinct next tokens. */
    public int support() {
        return next.length;
    }

    public long total() {
        return total;
    }

    public static ContextAgg merge(ContextAgg a, ContextAgg b) {
        int[] n = new int[a.next.length + b.next.length];
        long[] c = new long[n.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.next.length || j < b.next.length) {
            if (j == b.next.length || (i < a.next.length && a.next[i] < b.next[j])) {
                n[k] = a.next[i];
                c[k++] = a.counts[i++];
            } else if (i == a.next.length || b.next[j] < a.next[i]) {
                n[k] = b.next[j];
                c[k++] = b.counts[j++];
            } else {
                n[k] = a.next[i];
                c[k++] = a.counts[i++] + b.counts[j++];
            }
        }
        boolean aFirst = TextPosition.compare(a.hi, a.lo, b.hi, b.lo) <= 0;
        return new ContextAgg(Arrays.copyOf(n, k), Arrays.copyOf(c, k), aFirst ? a.hi : b.hi, aFirst ? a.lo : b.lo);
    }

    /**
     * The same context with next-token ids mapped through {@code map} (equal images merged, counts summed; ids
     * mapped to -1 are left out), or null when no next token is left.
     */
    public ContextAgg remap(int[] map) {
        long[] packed = new long[next.length];
        for (int i = 0; i < next.length; i++) packed[i] = ((long) map[next[i]] << 32) | i;
        Arrays.sort(packed);
        int[] n = new int[next.length];
        long[] c = new long[next.length];
        int k = -1;
        for (long p : packed) {
            int id = (int) (p >>> 32);
            if (id < 0) continue;
            long cnt = counts[(int) p];
            if (k >= 0 && n[k] == id) {
                c[k] += cnt;
            } else {
                n[++k] = id;
                c[k] = cnt;
            }
        }
        return k < 0 ? null : new ContextAgg(Arrays.copyOf(n, k + 1), Arrays.copyOf(c, k + 1), hi, lo);
    }

    /** The count of the windows of this context that hold a token mapped to -1 (in {@code key} or as next token). */
    public long droppedBy(int[] key, int[] map) {
        for (int id : key) if (map[id] < 0) return total;
        long d = 0;
        for (int i = 0; i < next.length; i++) if (map[next[i]] < 0) d += counts[i];
        return d;
    }
}
