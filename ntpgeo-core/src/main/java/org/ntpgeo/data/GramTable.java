package org.ntpgeo.data;

import java.util.Arrays;

/**
 * Counts fixed-width int tuples (token-id windows or contexts) in a flat open-addressing table. Ids are dense
 * and follow insertion order, so inserting in text order numbers tuples by first occurrence. Memory is about
 * {@code 4 * width + 30..45} bytes per distinct tuple; no object per entry. Not thread-safe.
 */
public final class GramTable implements TupleCounts {
    private final int width;
    private int[] keys;
    private long[] counts;
    private int[] hashes;
    /** (hash << 32) | (id + 1), 0 = empty: a probe compares hashes without touching the keys. */
    private long[] slots;
    private int size;

    public GramTable(int width) {
        this(width, 1024);
    }

    public GramTable(int width, int expected) {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1");
        this.width = width;
        int cap = Math.max(16, expected);
        keys = new int[cap * width];
        counts = new long[cap];
        hashes = new int[cap];
        slots = new long[Integer.highestOneBit(Math.max(32, cap * 2 - 1)) * 2];
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int size() {
        return size;
    }

    static int hash(int[] a, int off, int width) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < width; i++) {
            h = (h ^ a[off + i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        h ^= h >>> 29;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 32;
        return (int) h;
    }

    /** Add {@code count} to the tuple {@code a[off, off + width)}; returns its id. */
    public int add(int[] a, int off, long count) {
        return add(a, off, count, hash(a, off, width));
    }

    private static final int BATCH = 32;
    private final int[] batchSlot = new int[BATCH];
    /** Keeps the look-ahead loads of {@link #addAll} from being optimised away. */
    private long touched;

    /**
     * Add tuples {@code keys[off + g * width, off + (g + 1) * width)} with counts {@code counts[g]} (all 0 when
     * {@code counts} is null) and {@link #hash}es {@code hashes[g]}, for g = 0..n-1, in that order, and put their ids
     * in {@code ids[g]} (when not null): the same as n calls of {@link #add}, but the table places of a batch of
     * tuples are loaded before any of them is compared, so that their cache misses overlap.
     */
    void addAll(int[] keys, int off, long[] counts, int[] hashes, int n, int[] ids) {
        addAll(keys, off, width, counts, hashes, n, ids);
    }

    /** As {@link #addAll(int[], int, long[], int[], int, int[])} with tuple g at {@code keys[off + g * stride]}. */
    void addAll(int[] keys, int off, int stride, long[] counts, int[] hashes, int n, int[] ids) {
        requireIndex();
        int[] ss = batchSlot;
        long t = 0;
        for (int base = 0; base < n; base += BATCH) {
            int b = Math.min(BATCH, n - base);
            while (size + b > slots.length / 2) slots = grownSlots(slots.length * 2);
            int mask = slots.length - 1;
            for (int i = 0; i < b; i++) ss[i] = hashes[base + i] & mask;
            for (int i = 0; i < b; i++) {
                long v = slots[ss[i]];
                if (v != 0 && (int) (v >>> 32) == hashes[base + i]) t += this.keys[((int) v - 1) * width] + this.counts[(int) v - 1];
            }
            for (int i = 0; i < b; i++) {
                int g = base + i;
                int id = add(keys, off + g * stride, counts == null ? 0 : counts[g], hashes[g]);
                if (ids != null) ids[g] = id;
            }
        }
        touched += t;
    }

    private static final long[] ONES = filledWithOnes();
    private final int[] windowHash = new int[BATCH];

    private static long[] filledWithOnes() {
        long[] a = new long[BATCH];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /**
     * Count once each of the {@code n} overlapping tuples starting at {@code a[from]}, {@code a[from + 1]}, ...
     * (the sliding windows of a document): the same as n calls of {@link #add}, batched as in {@link #addAll}.
     */
    public void addWindows(int[] a, int from, int n) {
        for (int base = 0; base < n; base += BATCH) {
            int b = Math.min(BATCH, n - base);
            for (int i = 0; i < b; i++) windowHash[i] = hash(a, from + base + i, width);
            addAll(a, from + base, 1, ONES, windowHash, b, null);
        }
    }

    /** Add {@code count} to tuple {@code id}. */
    void addCount(int id, long count) {
        counts[id] += count;
    }

    private int add(int[] a, int off, long count, int h) {
        requireIndex();
        int mask = slots.length - 1;
        int s = h & mask;
        while (true) {
            long v = slots[s];
            if (v == 0) break;
            if ((int) (v >>> 32) == h) {
                int id = (int) v - 1;
                if (sameKey(id, a, off)) {
                    counts[id] += count;
                    return id;
                }
            }
            s = (s + 1) & mask;
        }
        int id = size++;
        if (id == counts.length) {
            int n = counts.length * 2;
            if ((long) n * width > Integer.MAX_VALUE - 16) throw new IllegalStateException("too many distinct tuples: " + id);
            keys = Arrays.copyOf(keys, n * width);
            counts = Arrays.copyOf(counts, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        System.arraycopy(a, off, keys, id * width, width);
        counts[id] = count;
        hashes[id] = h;
        slots[s] = ((long) h << 32) | (id + 1);
        if (size * 2 > slots.length) rehash();
        return id;
    }

    /** Id of a tuple, or -1. */
    public int find(int[] a, int off) {
        requireIndex();
        int h = hash(a, off, width);
        int mask = slots.length - 1;
        int s = h & mask;
        while (true) {
            long v = slots[s];
            if (v == 0) return -1;
            if ((int) (v >>> 32) == h && sameKey((int) v - 1, a, off)) return (int) v - 1;
            s = (s + 1) & mask;
        }
    }

    private boolean sameKey(int id, int[] a, int off) {
        int base = id * width;
        for (int i = 0; i < width; i++) if (keys[base + i] != a[off + i]) return false;
        return true;
    }

    private void rehash() {
        slots = grownSlots(slots.length * 2);
    }

    /** The slots for {@code length} places, holding ids 0..size-1 at their stored hashes. */
    private long[] grownSlots(int length) {
        long[] n = new long[length];
        int mask = n.length - 1;
        for (int id = 0; id < size; id++) {
            int s = hashes[id] & mask;
            while (n[s] != 0) s = (s + 1) & mask;
            n[s] = ((long) hashes[id] << 32) | (id + 1);
        }
        return n;
    }

    /**
     * No more tuples: frees the hash index (the slots and the stored hashes, about 24 bytes per tuple), keeping the
     * tuples, their ids and counts ({@link #key}, {@link #count}, {@link #keyArray}, {@link #addCount}). Adding or
     * finding a tuple afterwards is an IllegalStateException. For a table that has been counted and is now only read.
     */
    void freeze() {
        slots = null;
        hashes = null;
    }

    private void requireIndex() {
        if (slots == null) throw new IllegalStateException("the table is frozen: no tuples can be added or found");
    }

    /** Element {@code i} of tuple {@code id}. */
    @Override
    public int key(int id, int i) {
        return keys[id * width + i];
    }

    /** Copy tuple {@code id} into {@code dst[off, off + width)}. */
    public void copyKey(int id, int[] dst, int off) {
        System.arraycopy(keys, id * width, dst, off, width);
    }

    @Override
    public long count(int id) {
        return counts[id];
    }

    /** The backing key array (row-major, {@code size * width} valid entries); do not modify. */
    int[] keyArray() {
        return keys;
    }

    /** The backing count array ({@code size} valid entries, by id); do not modify. */
    long[] countArray() {
        return counts;
    }
}
