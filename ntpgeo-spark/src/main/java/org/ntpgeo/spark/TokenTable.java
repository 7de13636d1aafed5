package org.ntpgeo.spark;

import java.util.Arrays;

/**
 * Token strings given as character ranges -> dense ids (in order of insertion), without making a String per
 * lookup: open addressing over a character pool. Not thread-safe for {@link #intern}; {@link #find} on a table
 * that is no longer changed is safe from any thread.
 */
final class TokenTable {
    private char[] pool = new char[1 << 12];
    private int poolSize;
    private int[] offset = new int[256];
    private int[] length = new int[256];
    private int[] hash = new int[256];
    private int size;
    private int[] slots = new int[512];

    TokenTable() {}

    /** A table holding {@code tokens} with ids 0..n-1. */
    static TokenTable of(String[] tokens) {
        TokenTable t = new TokenTable();
        for (String s : tokens) {
            char[] c = s.toCharArray();
            t.intern(c, 0, c.length);
        }
        return t;
    }

    int size() {
        return size;
    }

    private static int hashOf(char[] b, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + b[i];
        return h;
    }

    private static int slotOf(int h, int mask) {
        int mix = h ^ (h >>> 16);
        mix *= 0x85EBCA6B;
        mix ^= mix >>> 13;
        return mix & mask;
    }

    /** The id of {@code b[start, end)}, or -1. */
    int find(char[] b, int start, int end) {
        int h = hashOf(b, start, end);
        int len = end - start;
        int mask = slots.length - 1;
        for (int s = slotOf(h, mask); ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) return -1;
            int id = v - 1;
            if (hash[id] == h && length[id] == len && Arrays.equals(pool, offset[id], offset[id] + len, b, start, end)) return id;
        }
    }

    /** The id of {@code b[start, end)}, added if new. */
    int intern(char[] b, int start, int end) {
        int h = hashOf(b, start, end);
        int len = end - start;
        int mask = slots.length - 1;
        int s = slotOf(h, mask);
        for (; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) break;
            int id = v - 1;
            if (hash[id] == h && length[id] == len && Arrays.equals(pool, offset[id], offset[id] + len, b, start, end)) return id;
        }
        int id = size++;
        if (id == offset.length) {
            int n = offset.length * 2;
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
            hash = Arrays.copyOf(hash, n);
        }
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        System.arraycopy(b, start, pool, poolSize, len);
        offset[id] = poolSize;
        length[id] = len;
        hash[id] = h;
        poolSize += len;
        slots[s] = id + 1;
        if (size * 2 > slots.length) rehash();
        return id;
    }

    private void rehash() {
        int[] n = new int[slots.length * 2];
        int mask = n.length - 1;
        for (int id = 0; id < size; id++) {
            int s = slotOf(hash[id], mask);
            while (n[s] != 0) s = (s + 1) & mask;
            n[s] = id + 1;
        }
        slots = n;
    }

    String token(int id) {
        return new String(pool, offset[id], length[id]);
    }
}
