package org.ntpgeo.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;

class SyntheticContextsTest {
    @Test
    void contextsAreDistinctInRangeAndLeaveTheCountsAlone() {
        NtpDataset base = SyntheticDatasets.paper(0).dataset();
        NtpDataset ds = SyntheticContexts.attach(base, 5, 30, 7);
        assertEquals(5, ds.contextWidth());
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < ds.contextCount(); j++) {
            int[] c = ds.contextTokens(j);
            assertEquals(5, c.length);
            for (int t : c) assertTrue(t >= 0 && t < 30, "token " + t);
            assertTrue(seen.add(Arrays.toString(c)), "context " + j + " repeats an earlier sequence");
        }
        assertArrayEquals(base.colPtr(), ds.colPtr());
        assertArrayEquals(base.supportTokensFlat(), ds.supportTokensFlat());
        assertArrayEquals(base.countsFlat(), ds.countsFlat());
        assertEquals(base.entropy(), ds.entropy(), 0.0);
    }

    @Test
    void sameSeedSameContextsOtherSeedOtherContexts() {
        NtpDataset base = SyntheticDatasets.paper(0).dataset();
        int[] a = SyntheticContexts.attach(base, 5, 30, 1).contextTokensFlat();
        int[] b = SyntheticContexts.attach(base, 5, 30, 1).contextTokensFlat();
        int[] c = SyntheticContexts.attach(base, 5, 30, 2).contextTokensFlat();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void redrawsCollisionsWhenTheSpaceIsSmall() {
        // 2^3 = 8 sequences for 4 contexts: collisions are likely and must be redrawn
        NtpDataset base = SyntheticDatasets.random(3, 4, new SyntheticDatasets.Range(1, 2), new SyntheticDatasets.Range(1, 3), 5).dataset();
        for (long seed = 0; seed < 20; seed++) {
            NtpDataset ds = SyntheticContexts.attach(base, 3, 2, seed);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < 4; j++) assertTrue(seen.add(Arrays.toString(ds.contextTokens(j))));
        }
        assertThrows(IllegalArgumentException.class, () -> SyntheticContexts.attach(base, 1, 2, 0));
    }
}
