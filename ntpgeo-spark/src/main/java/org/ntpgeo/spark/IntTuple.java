package org.ntpgeo.spark;

import java.io.Serializable;
import java.util.Arrays;

/** An immutable tuple of token ids (a window or a context) usable as a hash key; ordered lexicographically. */
public final class IntTuple implements Serializable, Comparable<IntTuple> {
    private static final long serialVersionUID = 1L;
    final int[] ids;
    private final int hash;

    public IntTuple(int[] ids) {
        this.ids = ids;
        this.hash = Arrays.hashCode(ids);
    }

    public int length() {
        return ids.length;
    }

    public int get(int i) {
        return ids[i];
    }

    public int[] toArray() {
        return ids.clone();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTuple t && t.hash == hash && Arrays.equals(t.ids, ids);
    }

    @Override
    public int compareTo(IntTuple o) {
        return Arrays.compare(ids, o.ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
