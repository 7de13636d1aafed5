package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.SyntheticDatasets.Range;

class SyntheticDatasetsTest {
    @Test
    void symmetricHasEverySupportOnce() {
        NtpDataset ds = SyntheticDatasets.symmetric(7, 3, new Range(1, 1), 0).dataset();
        assertEquals(35, ds.contextCount()); // C(7,3)
        Set<List<Integer>> seen = new HashSet<>();
        for (int j = 0; j < ds.contextCount(); j++) {
            assertEquals(3, ds.supportSize(j));
            seen.add(Arrays.stream(ds.support(j)).boxed().toList());
        }
        assertEquals(35, seen.size());
        assertEquals(35, ds.supportClassCount());
        assertEquals(Math.log(3), ds.entropy(), 1e-12); // uniform p_j over 3 tokens
        assertThrows(UserError.class, () -> SyntheticDatasets.symmetric(60, 30, new Range(1, 1), 0));
    }

    @Test
    void randomRespectsRangesAndSeed() {
        var a = SyntheticDatasets.random(20, 50, new Range(2, 4), new Range(3, 5), 11).dataset();
        var b = SyntheticDatasets.random(20, 50, new Range(2, 4), new Range(3, 5), 11).dataset();
        var c = SyntheticDatasets.random(20, 50, new Range(2, 4), new Range(3, 5), 12).dataset();
        assertArrayEquals(a.supportTokensFlat(), b.supportTokensFlat());
        assertArrayEquals(a.countsFlat(), b.countsFlat());
        assertFalse(Arrays.equals(a.supportTokensFlat(), c.supportTokensFlat()) && Arrays.equals(a.countsFlat(), c.countsFlat()));
        assertEquals(50, a.contextCount());
        for (int j = 0; j < 50; j++) assertTrue(a.supportSize(j) >= 2 && a.supportSize(j) <= 4);
        for (long x : a.countsFlat()) assertTrue(x >= 3 && x <= 5);
        assertThrows(UserError.class, () -> SyntheticDatasets.random(3, 5, new Range(2, 4), new Range(1, 1), 0));
        assertThrows(UserError.class, () -> Range.parse("1..x", "--counts"));
        assertEquals(new Range(2, 5), Range.parse("2..5", "--counts"));
    }

    @Test
    void paperSetHasTheStatedShape() {
        NtpDataset ds = SyntheticDatasets.paper(0).dataset();
        assertEquals(30, ds.vocabSize());
        assertEquals(16, ds.contextCount());
        assertEquals(8, ds.supportClassCount());
        for (int j = 0; j < 16; j++) {
            assertEquals(3, ds.supportSize(j));
            assertArrayEquals(ds.support(j - j % 2), ds.support(j));
            int g = j / 2;
            for (int z : ds.support(j)) assertTrue(((z - 4 * g) % 30 + 30) % 30 < 6, "token " + z + " outside group " + g);
        }
        for (long x : ds.countsFlat()) assertTrue(x >= 1 && x <= 4);
        assertEquals(SyntheticDatasets.paper(0).dataset().entropy(), ds.entropy());
    }

    @Test
    void binomial() {
        assertEquals(252, SyntheticDatasets.binomial(10, 5));
        assertEquals(1, SyntheticDatasets.binomial(10, 0));
        assertEquals(Long.MAX_VALUE, SyntheticDatasets.binomial(200, 100));
    }
}
