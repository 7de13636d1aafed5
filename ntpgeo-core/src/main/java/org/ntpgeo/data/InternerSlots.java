package org.ntpgeo.data;

/**
 * The open-addressing table shared by {@link ByteInterner} and {@link TokenInterner}: a power-of-two array of
 * {@code id + 1} (0 = empty), probed linearly from {@link #slotOf}. The interners keep their own pools (bytes,
 * chars) and compare keys themselves, so the hot loops stay free of indirection.
 */
final class InternerSlots {
    private InternerSlots() {}

    /** The first slot to probe for hash {@code h} in a table of {@code mask + 1} slots (the hash bits mixed). */
    static int slotOf(int h, int mask) {
        int x = h * 0x9E3779B1;
        return (x ^ (x >>> 15)) & mask;
    }

    /** A table twice as large holding ids {@code 0..size-1}, placed by their stored hashes. */
    static int[] grown(int[] slots, int[] hash, int size) {
        int[] n = new int[slots.length * 2];
        int mask = n.length - 1;
        for (int id = 0; id < size; id++) {
            int s = slotOf(hash[id], mask);
            while (n[s] != 0) s = (s + 1) & mask;
            n[s] = id + 1;
        }
        return n;
    }
}
