package org.ntpgeo.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte strings (UTF-8 tokens, given as ranges of a buffer with a precomputed hash) to dense ids in order of
 * first appearance. Open addressing over flat arrays; no object per token. Not thread-safe (one per chunk).
 */
final class ByteInterner {
    private byte[] pool = new byte[1 << 14];
    private int poolSize;
    private int[] offset = new int[1024];
    private int[] length = new int[1024];
    private int[] hash = new int[1024];
    private int size;
    private int[] slots = new int[2048];

    int size() {
        return size;
    }

    /** The hash that callers compute while scanning: {@code h = 31 * h + (b & 0xFF)} from 0. */
    static int hash(byte[] b, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + (b[i] & 0xFF);
        return h;
    }

    /** The id of {@code b[start, end)} (hash {@code h}), or -1. */
    int find(byte[] b, int start, int end, int h) {
        int mask = slots.length - 1;
        int len = end - start;
        for (int s = InternerSlots.slotOf(h, mask); ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) return -1;
            int id = v - 1;
            if (hash[id] == h && length[id] == len && same(offset[id], b, start, len)) return id;
        }
    }

    /** The id of {@code b[start, end)} (hash {@code h}), added when new. */
    int intern(byte[] b, int start, int end, int h) {
        int mask = slots.length - 1;
        int len = end - start;
        int s = InternerSlots.slotOf(h, mask);
        for (; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) break;
            int id = v - 1;
            if (hash[id] == h && length[id] == len && same(offset[id], b, start, len)) return id;
        }
        int id = size++;
        if (id == offset.length) {
            int n = id * 2;
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

    private boolean same(int off, byte[] b, int start, int len) {
        byte[] p = pool;
        for (int i = 0; i < len; i++) if (p[off + i] != b[start + i]) return false;
        return true;
    }

    private void rehash() {
        slots = InternerSlots.grown(slots, hash, size);
    }

    /** Token {@code id} decoded from UTF-8 (the bytes were validated when scanned). */
    String string(int id) {
        return new String(pool, offset[id], length[id], StandardCharsets.UTF_8);
    }
}
