package org.ntpgeo.data;

import java.util.Arrays;
import org.ntpgeo.common.UserError;

/**
 * Counts the windows (T consecutive token ids) of text on a counting worker: the hot loop of
 * {@code data build}, which sees every window of the corpus. Windows get dense ids in order of first occurrence.
 *
 * <p>Built for few cache misses per window: one flat {@code int[]} holds, per slot, the id + 1 (0 = empty), a
 * 32-bit hash tag, the count and the T ids of the window, so that finding a window touches one place in memory;
 * the hashes of a document's windows are rolled (a polynomial in the ids, updated in two multiplications per
 * window) and the slots of a batch of windows are loaded before any of them is compared, so that their misses
 * overlap.
 *
 * <p>{@link #keysById} gives the windows in id order as they come, {@link #forEachCount} their counts. A counting
 * worker keeps one for all its chunks (see {@link ChunkCounts}). Not thread-safe.
 */
final class WindowCounter {
    private static final long P = 0x9E3779B97F4A7C15L;
    private static final int BATCH = 32;
    /** Per slot: id + 1, tag, count (low and high 32 bits), then the T ids. */
    private static final int ID = 0, TAG = 1, COUNT = 2, COUNT_HIGH = 3, KEY = 4;

    private final int width;
    private final int stride;
    /** P^(T-1), to take the oldest id out of a rolled hash. */
    private final long top;
    private int[] table;
    private int mask;
    private int size;
    /** Most entries before the table doubles (load factor 3/4). */
    private int limit;
    private final long[] batchHash = new long[BATCH];
    /** Keeps the look-ahead loads of {@link #addWindows} from being optimised away. */
    private int touched;

    /** The windows in id order, row-major (appended as they are first met; see {@link #keysById}). */
    private int[] keysById;

    /** Windows of {@code width} ids; room for about {@code expected} distinct windows before the first growth. */
    WindowCounter(int width, int expected) {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1");
        this.width = width;
        this.stride = width + KEY;
        long p = 1;
        for (int i = 1; i < width; i++) p *= P;
        this.top = p;
        int slots = Integer.highestOneBit(Math.max(64, expected + expected / 3) - 1) << 1;
        allocate(slots);
        keysById = new int[Math.max(16, expected) * width];
    }

    private void allocate(int slots) {
        if ((long) slots * stride > Integer.MAX_VALUE - 16) throw tooManyWindows();
        table = new int[slots * stride];
        mask = slots - 1;
        limit = slots - slots / 4;
    }

    private UserError tooManyWindows() {
        return new UserError("too many distinct windows for one counting thread (" + size + "): more than one Java array "
                + "holds; use the Spark builder (bin/ntpgeo-spark) for a corpus this large");
    }

    int width() {
        return width;
    }

    /** Distinct windows so far. */
    int size() {
        return size;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * Count once each of the {@code n} overlapping windows starting at {@code a[from]}, {@code a[from + 1]}, ...
     * (the sliding windows of a document; {@code n = 1} for its first window only).
     */
    void addWindows(int[] a, int from, int n) {
        if (n <= 0) return;
        int t = width;
        long h = 0;
        for (int j = 0; j < t; j++) h = h * P + a[from + j];
        for (int base = 0; base < n; base += BATCH) {
            int b = Math.min(BATCH, n - base);
            if (size + b > limit) grow();
            h = batch(a, from + base, b, h);
            if (base + b < n) h = roll(h, a, from + base + b);
        }
    }

    /** The hash of the window at {@code p}, from {@code h}, the hash of the window at {@code p - 1}. */
    private long roll(long h, int[] a, int p) {
        return (h - a[p - 1] * top) * P + a[p - 1 + width];
    }

    /**
     * Count the {@code b <= BATCH} windows at {@code a[p]}, {@code a[p + 1]}, ..., the first of which has the rolled
     * hash {@code h}; returns the rolled hash of the last. The table has room for all of them. One call per batch:
     * the method the JIT compiles is called often and its loops are short, so that it is compiled once, not
     * replaced on the stack loop by loop (docs/DATA.md, "Cold start").
     */
    private long batch(int[] a, int p, int b, long h) {
        int[] tab = table;
        int m = mask;
        int st = stride;
        int t = width;
        long[] hs = batchHash;
        hs[0] = mix(h);
        for (int i = 1; i < b; i++) {
            // window p + i from window p + i - 1: drop its first id, append the next one
            h = (h - a[p + i - 1] * top) * P + a[p + i - 1 + t];
            hs[i] = mix(h);
        }
        // the first and the last int of each slot: a slot may straddle two cache lines
        int sink = 0;
        for (int i = 0; i < b; i++) {
            int q = ((int) (hs[i] >>> 32) & m) * st;
            sink += tab[q] + tab[q + st - 1];
        }
        touched += sink;
        for (int i = 0; i < b; i++) {
            // find window p + i (inline: the hot path calls no method), or insert it
            int off = p + i;
            int tag = (int) (hs[i] >>> 32);
            int s = tag & m;
            while (true) {
                int q = s * st;
                if (tab[q + ID] == 0) {
                    insert(a, off, tag, q);
                    break;
                }
                if (tab[q + TAG] == tag) {
                    int j = 0;
                    while (j < t && tab[q + KEY + j] == a[off + j]) j++;
                    if (j == t) {
                        if (++tab[q + COUNT] == 0) tab[q + COUNT_HIGH]++; // the low half is unsigned
                        break;
                    }
                }
                s = (s + 1) & m;
            }
        }
        return h;
    }

    /** A new window {@code a[off, off + width)} with tag {@code tag} into the empty slot at {@code q}. */
    private void insert(int[] a, int off, int tag, int q) {
        int[] tab = table;
        tab[q + ID] = ++size;
        tab[q + TAG] = tag;
        tab[q + COUNT] = 1;
        System.arraycopy(a, off, tab, q + KEY, width);
        int at = (size - 1) * width;
        if (at + width > keysById.length) {
            if ((long) keysById.length * 2 > Integer.MAX_VALUE - 16) throw tooManyWindows();
            keysById = Arrays.copyOf(keysById, keysById.length * 2);
        }
        System.arraycopy(a, off, keysById, at, width);
    }

    /**
     * The windows in id order, row-major: window {@code id} at {@code [id * width, (id + 1) * width)} for every id
     * below {@link #size()} at the time of the call. Later windows may go to a new array, so another thread may read
     * the ids it was told of (after a happens-before edge) from the array it got, while this counter goes on.
     */
    int[] keysById() {
        return keysById;
    }

    private void grow() {
        int[] old = table;
        int oldSlots = mask + 1;
        allocate(oldSlots * 2);
        int[] tab = table;
        int m = mask;
        for (int q = 0; q < old.length; q += stride) {
            if (old[q + ID] == 0) continue;
            int s = old[q + TAG] & m;
            while (tab[s * stride + ID] != 0) s = (s + 1) & m;
            System.arraycopy(old, q, tab, s * stride, stride);
        }
    }

    /** Receives a window's id and count. */
    @FunctionalInterface
    interface CountSink {
        void count(int id, long count);
    }

    /** Every window's id and count, in table order (a sequential pass: no random access by id). */
    void forEachCount(CountSink sink) {
        int[] tab = table;
        for (int q = 0; q < tab.length; q += stride) {
            int id1 = tab[q + ID];
            if (id1 != 0) sink.count(id1 - 1, (long) tab[q + COUNT_HIGH] << 32 | (tab[q + COUNT] & 0xFFFFFFFFL));
        }
    }

    /** Element {@code i} of window {@code id}. */
    int key(int id, int i) {
        return keysById[id * width + i];
    }

    /** Defeats dead-code elimination of the look-ahead loads (never used otherwise). */
    int touched() {
        return touched;
    }
}
