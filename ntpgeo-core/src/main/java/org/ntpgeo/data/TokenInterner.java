package org.ntpgeo.data;

import java.util.Arrays;

/**
 * Maps token strings (given as character ranges, so no String is made per occurrence) to dense ids in order of
 * first appearance, and counts occurrences. Open addressing; not thread-safe for {@link #intern} (one per
 * worker).
 */
public final class TokenInterner {
    private char[] pool = new char[1 << 12];
    private int poolSize;
    private int[] offset = new int[256];
    private int[] length = new int[256];
    private int[] hash = new int[256];
    private long[] count = new long[256];
    private int size;
    private int[] slots = new int[512];

    public int size() {
        return size;
    }

    /** An interner holding {@code tokens} with ids 0..n-1 (for lookups with {@link #find}). */
    public static TokenInterner of(String[] tokens) {
        TokenInterner t = new TokenInterner();
        for (String s : tokens) {
            char[] c = s.toCharArray();
            t.intern(c, 0, c.length);
        }
        return t;
    }

    private static int hashOf(char[] buf, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + buf[i];
        return h;
    }

    /** The slot holding {@code buf[start, end)} (hash {@code h}), or the empty slot where it would go. */
    private int probe(char[] buf, int start, int end, int h) {
        int len = end - start;
        int mask = slots.length - 1;
        for (int s = InternerSlots.slotOf(h, mask); ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) return s;
            int id = v - 1;
            if (hash[id] == h && length[id] == len && same(offset[id], buf, start, len)) return s;
        }
    }

    /**
     * The id of the token {@code buf[start, end)}, or -1 when absent; counts nothing, so it is safe from any thread
     * on an interner that is no longer changed.
     */
    public int find(char[] buf, int start, int end) {
        return slots[probe(buf, start, end, hashOf(buf, start, end))] - 1;
    }

    /** The id of the token {@code buf[start, end)}, adding it if new, and count one occurrence. */
    public int intern(char[] buf, int start, int end) {
        int len = end - start;
        int h = hashOf(buf, start, end);
        int s = probe(buf, start, end, h);
        if (slots[s] != 0) {
            int id = slots[s] - 1;
            count[id]++;
            return id;
        }
        int id = size++;
        if (id == offset.length) {
            int n = offset.length * 2;
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
            hash = Arrays.copyOf(hash, n);
            count = Arrays.copyOf(count, n);
        }
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        System.arraycopy(buf, start, pool, poolSize, len);
        offset[id] = poolSize;
        length[id] = len;
        hash[id] = h;
        count[id] = 1;
        poolSize += len;
        slots[s] = id + 1;
        if (size * 2 > slots.length) rehash();
        return id;
    }

    private boolean same(int off, char[] buf, int start, int len) {
        char[] p = pool;
        for (int i = 0; i < len; i++) if (p[off + i] != buf[start + i]) return false;
        return true;
    }

    private void rehash() {
        slots = InternerSlots.grown(slots, hash, size);
    }

    public String token(int id) {
        return new String(pool, offset[id], length[id]);
    }

    public long count(int id) {
        return count[id];
    }

    public String[] tokens() {
        String[] t = new String[size];
        for (int i = 0; i < size; i++) t[i] = token(i);
        return t;
    }

    public long[] counts() {
        return Arrays.copyOf(count, size);
    }
}
