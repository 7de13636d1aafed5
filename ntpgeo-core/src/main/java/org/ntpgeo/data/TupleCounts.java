package org.ntpgeo.data;

/** Read access to counted fixed-width tuples, numbered 0..size-1 in insertion (first-occurrence) order. */
public interface TupleCounts {
    int width();

    int size();

    /** Element {@code i} of tuple {@code id}. */
    int key(int id, int i);

    long count(int id);
}
