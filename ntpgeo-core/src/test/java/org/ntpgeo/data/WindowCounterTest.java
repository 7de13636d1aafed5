package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** WindowCounter against a LinkedHashMap of window lists: same windows, same first-occurrence order, same counts. */
class WindowCounterTest {
    /** The naive count: every window of every document, in text order. */
    private static Map<List<Integer>, Long> naive(List<int[]> docs, int t, Windows mode) {
        Map<List<Integer>, Long> m = new LinkedHashMap<>();
        for (int[] d : docs) {
            int n = mode.count(d.length, t);
            for (int p = 0; p < n; p++) {
                List<Integer> w = new ArrayList<>();
                for (int j = 0; j < t; j++) w.add(d[p + j]);
                m.merge(w, 1L, Long::sum);
            }
        }
        return m;
    }

    private static void count(WindowCounter c, List<int[]> docs, int t, Windows mode) {
        // documents back to back in one array, as the scanner leaves them
        int total = docs.stream().mapToInt(d -> d.length).sum();
        int[] ids = new int[total];
        int at = 0;
        for (int[] d : docs) {
            System.arraycopy(d, 0, ids, at, d.length);
            c.addWindows(ids, at, mode.count(d.length, t));
            at += d.length;
        }
    }

    /** The counts of {@code c} by window id. */
    static long[] countsById(WindowCounter c) {
        long[] counts = new long[c.size()];
        c.forEachCount((id, n) -> counts[id] += n);
        return counts;
    }

    private static void assertCounts(Map<List<Integer>, Long> expected, WindowCounter c, int t) {
        assertEquals(expected.size(), c.size(), "distinct windows");
        long[] counts = countsById(c);
        int id = 0;
        for (Map.Entry<List<Integer>, Long> e : expected.entrySet()) {
            int[] key = new int[t];
            for (int j = 0; j < t; j++) key[j] = c.key(id, j);
            int[] want = e.getKey().stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(want, key, "window " + id);
            assertEquals(e.getValue(), counts[id], "count of window " + id);
            id++;
        }
    }

    private static List<int[]> randomDocs(SplittableRandom r, int docs, int maxLength, int vocab) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            int[] d = new int[r.nextInt(maxLength + 1)];
            for (int j = 0; j < d.length; j++) d[j] = r.nextInt(vocab);
            out.add(d);
        }
        return out;
    }

    @Property(tries = 200)
    void equalsNaiveCount(@ForAll @IntRange(min = 1, max = 9) int t, @ForAll @IntRange(min = 1, max = 40) int vocab,
                          @ForAll @IntRange(min = 0, max = 60) int docs, @ForAll boolean first, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> d = randomDocs(r, docs, 120, vocab);
        Windows mode = first ? Windows.FIRST : Windows.SLIDING;
        WindowCounter c = new WindowCounter(t, 1); // the smallest table: many growths on the way
        count(c, d, t, mode);
        assertCounts(naive(d, t, mode), c, t);
    }

    @Test
    void largeIdsAndLongDocumentsAcrossBatches() {
        // ids near Integer.MAX_VALUE (the rolled hash must not depend on small ids), documents much longer than a batch
        SplittableRandom r = new SplittableRandom(11);
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int[] d = new int[1000 + r.nextInt(100)];
            for (int j = 0; j < d.length; j++) d[j] = Integer.MAX_VALUE - r.nextInt(3);
            docs.add(d);
        }
        WindowCounter c = new WindowCounter(6, 4);
        count(c, docs, 6, Windows.SLIDING);
        assertCounts(naive(docs, 6, Windows.SLIDING), c, 6);
    }
}
