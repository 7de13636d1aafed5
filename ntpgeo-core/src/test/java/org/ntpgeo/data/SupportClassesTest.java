package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.SyntheticDatasets.Range;

class SupportClassesTest {
    /** Contexts drawn from a small pool of supports, so that classes repeat; supports as written (unsorted maps). */
    static NtpDataset withRepeats(int vocab, int contexts, int pool, long seed) {
        Random r = new Random(seed);
        List<int[]> supports = new ArrayList<>();
        for (int s = 0; s < pool; s++) {
            int k = 1 + r.nextInt(Math.min(4, vocab));
            supports.add(r.ints(0, vocab).distinct().limit(k).toArray());
        }
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < contexts; j++) {
            Map<Integer, Long> col = new LinkedHashMap<>();
            for (int z : supports.get(r.nextInt(pool))) col.put(z, 1L + r.nextInt(5));
            cols.add(col);
        }
        return NtpDataset.fromColumns(vocab, cols, null);
    }

    @Test
    void classesMatchANaiveGroupingByStringKeys() {
        for (long seed = 1; seed <= 5; seed++) {
            NtpDataset ds = withRepeats(9, 300, 25, seed);
            SupportClasses sc = SupportClasses.of(ds);
            // independent grouping: sorted support rendered as a string, ids by first occurrence
            Map<String, Integer> ids = new HashMap<>();
            int[] expected = new int[ds.contextCount()];
            for (int j = 0; j < ds.contextCount(); j++) {
                int[] s = ds.support(j).clone();
                Arrays.sort(s);
                expected[j] = ids.computeIfAbsent(Arrays.toString(s), key -> ids.size());
            }
            assertArrayEquals(expected, sc.contextClasses());
            assertEquals(ids.size(), sc.classCount());
            int total = 0;
            for (int c = 0; c < sc.classCount(); c++) {
                int n = 0, first = -1;
                for (int j = 0; j < ds.contextCount(); j++) {
                    if (expected[j] != c) continue;
                    n++;
                    if (first < 0) first = j;
                }
                assertEquals(n, sc.size(c));
                assertEquals(first, sc.firstContext(c));
                assertArrayEquals(ds.support(first), sc.support(c));
                assertEquals(sc.supportSize(c), sc.support(c).length);
                total += n;
            }
            assertEquals(ds.contextCount(), total);
            assertEquals((double) ds.contextCount() / ids.size(), sc.reduction(), 1e-12);
            assertArrayEquals(expected, ds.supportClasses(), "the dataset's accessor uses the same grouping");
        }
    }

    @Test
    void distinctSupportsGiveTheIdentityAndOneSupportGivesOneClass() {
        NtpDataset distinct = SyntheticDatasets.symmetric(7, 3, new Range(1, 2), 0).dataset();
        SupportClasses sc = SupportClasses.of(distinct);
        assertEquals(distinct.contextCount(), sc.classCount());
        for (int j = 0; j < distinct.contextCount(); j++) assertEquals(j, sc.classOf(j));
        List<Map<Integer, Long>> same = new ArrayList<>();
        for (int j = 0; j < 6; j++) same.add(Map.of(2, 1L + j, 0, 1L));
        SupportClasses one = SupportClasses.of(NtpDataset.fromColumns(4, same, null));
        assertEquals(1, one.classCount());
        assertEquals(6, one.size(0));
        assertArrayEquals(new int[] {0, 2}, one.support(0));
    }

    @Test
    void syntheticClassesHaveTheRequestedShape() {
        NtpDataset ds = SyntheticClasses.generate(20, 2000, 60, new Range(1, 4), new Range(1, 3), 1.0, 7).dataset();
        SupportClasses sc = SupportClasses.of(ds);
        assertEquals(2000, ds.contextCount());
        assertEquals(60, sc.classCount(), "exactly C distinct supports, each used at least once");
        for (int j = 0; j < ds.contextCount(); j++) {
            assertTrue(ds.supportSize(j) >= 1 && ds.supportSize(j) <= 4);
            for (int k = ds.start(j); k < ds.end(j); k++) assertTrue(ds.count(k) >= 1 && ds.count(k) <= 3);
        }
        // Zipf-like sizes: the largest class holds far more than the mean (2000/60 = 33), uniform sizes would not
        assertTrue(sc.largestSize() > 150, "largest class " + sc.largestSize());
        NtpDataset again = SyntheticClasses.generate(20, 2000, 60, new Range(1, 4), new Range(1, 3), 1.0, 7).dataset();
        assertArrayEquals(ds.supportTokensFlat(), again.supportTokensFlat());
        assertArrayEquals(ds.countsFlat(), again.countsFlat());
        NtpDataset flat = SyntheticClasses.generate(20, 2000, 60, new Range(1, 4), new Range(1, 3), 0.0, 7).dataset();
        assertTrue(SupportClasses.of(flat).largestSize() < 100, "zipf 0 gives near-uniform classes");
        assertThrows(UserError.class, () -> SyntheticClasses.generate(3, 100, 10, new Range(1, 1), new Range(1, 1), 1, 0),
                "more classes than supports exist");
        assertThrows(UserError.class, () -> SyntheticClasses.generate(10, 5, 10, new Range(1, 2), new Range(1, 1), 1, 0));
    }
}
