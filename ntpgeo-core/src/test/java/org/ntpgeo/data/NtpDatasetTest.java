package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;

class NtpDatasetTest {
    @TempDir
    Path dir;

    /** Two contexts: j0 -> {a:1, b:3}, j1 -> {b:2}; j2 -> {a:2, b:2} shares j0's support. */
    static NtpDataset tiny() {
        return NtpDataset.fromColumns(3, List.of(Map.of(0, 1L, 1, 3L), Map.of(1, 2L), Map.of(1, 2L, 0, 2L)),
                new String[] {"a", "b", "c"});
    }

    @Test
    void derivedQuantitiesByHand() {
        NtpDataset ds = tiny();
        assertEquals(10, ds.pairCount());
        assertEquals(0.4, ds.pi(0), 1e-15);
        assertEquals(0.2, ds.pi(1), 1e-15);
        double h = 0.4 * -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) + 0.4 * Math.log(2);
        assertEquals(h, ds.entropy(), 1e-15);
        assertArrayEquals(new int[] {0, 1, 0}, ds.supportClasses());
        assertEquals(2, ds.supportClassCount());
        DatasetSummary s = DatasetSummary.of(ds);
        assertEquals(2, s.largestSupportClass());
        assertEquals(Map.of(1, 1, 2, 2), s.supportSizeHistogram());
    }

    @Test
    void filesRoundTrip() {
        NtpDataset ds = tiny();
        DatasetFiles.write(dir, ds, null);
        NtpDataset back = DatasetFiles.read(dir);
        assertEquals(ds.vocabSize(), back.vocabSize());
        assertArrayEquals(ds.colPtr(), back.colPtr());
        assertArrayEquals(ds.supportTokensFlat(), back.supportTokensFlat());
        assertArrayEquals(ds.countsFlat(), back.countsFlat());
        assertArrayEquals(ds.vocab(), back.vocab());
    }

    @Test
    void missingDatasetIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> DatasetFiles.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("not an ntpgeo dataset"));
    }

    @Test
    void rejectsInvalidSparseData() {
        assertThrows(IllegalArgumentException.class, () -> new NtpDataset(2, new int[] {0, 1}, new int[] {2}, new long[] {1}, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new NtpDataset(2, new int[] {0, 0}, new int[0], new long[0], null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new NtpDataset(2, new int[] {0, 1}, new int[] {0}, new long[] {0}, null, 0, null));
    }

    @Test
    void stagedDirectoryLeavesNothingWhenNotCommitted() throws Exception {
        Path target = dir.resolve("out");
        try (var staged = AtomicFiles.stageDirectory(target, false)) {
            DatasetFiles.write(staged.path(), tiny(), null);
        }
        assertFalse(java.nio.file.Files.exists(target));
        try (var staged = AtomicFiles.stageDirectory(target, false)) {
            DatasetFiles.write(staged.path(), tiny(), null);
            staged.commit();
        }
        assertTrue(java.nio.file.Files.exists(target.resolve(DatasetFiles.NPZ)));
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(1, files.count(), "no staging leftovers");
        }
    }
}
