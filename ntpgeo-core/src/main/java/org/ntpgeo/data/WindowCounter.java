package org.ntpgeo.data;

import java.util.Arrays;
import org.ntpgeo.common.UserError;

/**
 * Counts the windows (T consecutive token ids) of text on a counting worker: the hot loop of
 * {@code data build}, which sees every window of the corpus. Windows get dense ids in order of first occurrence.
 *
 * <p>Built for few cache misses per window. The hash table holds only a long per slot, the window's 32-bit hash tag
 * and its id + 1 (0 = empty), so that it is small (8 bytes a slot: 2 MB for 200,000 windows, the size of a core's
 * second-level cache here); the windows' ids and counts are in arrays by id ({@link #keysById}, {@code counts}), in
 * order of first occurrence, where the windows that recur most, which mostly occur early, lie close together (on
 * repeated text, one after the other). The hashes of a document's windows are rolled (a polynomial in the ids,
 * updated in two multiplications per window) and the slots of a batch of windows, then the ids of their candidates,
 * are loaded before any of them is compared, so that their misses overlap.
 *
 * <p>{@link #keysById} gives the windows in id order as they come, {@link #forEachCount} their counts. A counting
 * worker keeps one for all its chunks (see {@link ChunkCounts}). Not thread-safe.
 */
final class WindowCounter {
    private static final long P = 0x9E3779B97F4A7C15L;
    private static final int BATCH = 32;

    private final int width;
    /** P^(T-1), to take the oldest id out of a rolled hash. */
    private final long top;
    /** Per slot: {@code tag << 32 | (id + 1)}; 0 = empty. */
    private long[] slots;
    private int mask;
    private int size;
    /** Most entries before the table doubles (load factor 3/4). */
    private int limit;
    private final long[] batchHash = new long[BATCH];
    /** Keeps the look-ahead loads of {@link #batch} from being optimised away. */
    private long touched;

    /** The windows in id order, row-major (appended as they are first met; see {@link #keysById}). */
    private int[] keysById;
    /** The count of each window, by id. */
    private long[] counts;

    /** Windows of {@code width} ids; room for about {@code expected} distinct windows before the first growth. */
    WindowCounter(int width, int expected) {
        if (width < 1) throw new IllegalArgumentException("width must be >= 1");
        this.width = width;
        long p = 1;
        for (int i = 1; i < width; i++) p *= P;
        this.top = p;
        int room = Math.max(16, expected);
        allocate(Integer.highestOneBit(Math.max(64, room + room / 3) - 1) << 1);
        if ((long) room * width > Integer.MAX_VALUE - 16) throw tooManyWindows();
        keysById = new int[room * width];
        counts = new long[room];
    }

    private void allocate(int slotCount) {
        if (slotCount <= 0 || slotCount > (1 << 30)) throw tooManyWindows();
        slots = new long[slotCount];
        mask = slotCount - 1;
        limit = slotCount - slotCount / 4;
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
            if (size + b > counts.length) growEntries(size + b);
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
     * hash {@code h}; returns the rolled hash of the last. The table and the arrays by id have room for all of them.
     * One call per batch: the method the JIT compiles is called often and its loops are short, so that it is
     * compiled once, not replaced on the stack loop by loop (docs/DATA.md, "Cold start").
     */
    private long batch(int[] a, int p, int b, long h) {
        long[] tab = slots;
        int m = mask;
        int t = width;
        int[] keys = keysById;
        long[] cnt = counts;
        long[] hs = batchHash;
        hs[0] = mix(h);
        for (int i = 1; i < b; i++) {
            // window p + i from window p + i - 1: drop its first id, append the next one
            h = (h - a[p + i - 1] * top) * P + a[p + i - 1 + t];
            hs[i] = mix(h);
        }
        // look ahead: the home slot of each window, then the first id and the count of the window found there
        long sink = 0;
        for (int i = 0; i < b; i++) {
            long e = tab[(int) (hs[i] >>> 32) & m];
            int id = (int) e - 1;
            if (id >= 0) sink += keys[id * t] + cnt[id];
        }
        touched += sink;
        for (int i = 0; i < b; i++) {
            // find window p + i (inline: the hot path calls no method), or insert it
            int off = p + i;
            int tag = (int) (hs[i] >>> 32);
            int s = tag & m;
            while (true) {
                long e = tab[s];
                if (e == 0) {
                    tab[s] = (long) tag << 32 | insert(a, off);
                    break;
                }
                if ((int) (e >>> 32) == tag) {
                    int id = (int) e - 1;
                    int q = id * t;
                    int j = 0;
                    while (j < t && keys[q + j] == a[off + j]) j++;
                    if (j == t) {
                        cnt[id]++;
                        break;
                    }
                }
                s = (s + 1) & m;
            }
        }
        return h;
    }

    /** A new window {@code a[off, off + width)}, counted once; returns its id + 1. The arrays by id have room for it. */
    private int insert(int[] a, int off) {
        int id = size++;
        System.arraycopy(a, off, keysById, id * width, width);
        counts[id] = 1;
        return id + 1;
    }

    /** Room in the arrays by id for at least {@code entries} windows. */
    private void growEntries(int entries) {
        long room = Math.max(entries, (long) counts.length * 2);
        if (room * width > Integer.MAX_VALUE - 16) {
            room = (Integer.MAX_VALUE - 16) / width;
            if (room < entries) throw tooManyWindows();
        }
        keysById = Arrays.copyOf(keysById, (int) room * width);
        counts = Arrays.copyOf(counts, (int) room);
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
        long[] old = slots;
        allocate(old.length * 2);
        long[] tab = slots;
        int m = mask;
        for (long e : old) {
            if (e == 0) continue;
            int s = (int) (e >>> 32) & m;
            while (tab[s] != 0) s = (s + 1) & m;
            tab[s] = e;
        }
    }

    /** Receives a window's id and count. */
    @FunctionalInterface
    interface CountSink {
        void count(int id, long count);
    }

    /** Every window's id and count, in id order (a sequential pass). */
    void forEachCount(CountSink sink) {
        long[] cnt = counts;
        for (int id = 0; id < size; id++) sink.count(id, cnt[id]);
    }

    /** Element {@code i} of window {@code id}. */
    int key(int id, int i) {
        return keysById[id * width + i];
    }

    /** Defeats dead-code elimination of the look-ahead loads (never used otherwise). */
    long touched() {
        return touched;
    }
}
