package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GramTable against a LinkedHashMap of tuples, before and after {@link GramTable#freeze}. */
class GramTableTest {
    @Test
    void countsIdsAndAFrozenTable() {
        Random rnd = new Random(7);
        int width = 3;
        GramTable table = new GramTable(width, 4); // small: many growths
        Map<List<Integer>, Long> expected = new LinkedHashMap<>();
        int[] key = new int[width];
        for (int i = 0; i < 20_000; i++) {
            for (int j = 0; j < width; j++) key[j] = rnd.nextInt(12);
            long c = 1 + rnd.nextInt(5);
            List<Integer> k = Arrays.stream(key).boxed().toList();
            int id = table.add(key, 0, c);
            expected.merge(k, c, Long::sum);
            assertEquals(new ArrayList<>(expected.keySet()).indexOf(k), id, "ids follow first occurrence");
        }
        table.freeze();
        assertEquals(expected.size(), table.size());
        int id = 0;
        for (Map.Entry<List<Integer>, Long> e : expected.entrySet()) {
            for (int j = 0; j < width; j++) assertEquals(e.getKey().get(j), table.key(id, j));
            assertEquals(e.getValue(), table.count(id));
            assertEquals(e.getValue(), table.countArray()[id]);
            id++;
        }
        table.addCount(0, 10);
        assertEquals(expected.values().iterator().next() + 10, table.count(0), "counts can still be added by id");
        assertThrows(IllegalStateException.class, () -> table.add(new int[] {1, 2, 3}, 0, 1));
        assertThrows(IllegalStateException.class, () -> table.find(new int[] {1, 2, 3}, 0));
    }
}
