package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;

/** Reading a damaged dataset.npz is one UserError naming the problem, never a trace, NaN or negative n. */
class DatasetValidationTest {
    @TempDir
    Path dir;

    /** A valid file: V=3, m=2; j0 -> {0:1, 2:4}, j1 -> {1:2}; contexts [2, 2] over 3 input tokens. */
    static Map<String, NdArray> valid() {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("V", NdArray.scalar(3L));
        a.put("m", NdArray.scalar(2L));
        a.put("support_token", NdArray.ofInts(new int[] {0, 2, 1}, 3));
        a.put("support_context", NdArray.ofInts(new int[] {0, 0, 1}, 3));
        a.put("count", NdArray.ofLongs(new long[] {1, 4, 2}, 3));
        a.put("contexts", NdArray.ofInts(new int[] {0, 1, 1, 2}, 2, 2));
        a.put("tokens", NdArray.ofStrings(new String[] {"a", "b", "c"}));
        a.put("input_tokens", NdArray.ofStrings(new String[] {"a", "b", "c"}));
        a.put("row_input_id", NdArray.ofInts(new int[] {0, 1, 2}, 3));
        return a;
    }

    private String problem(Consumer<Map<String, NdArray>> damage) {
        Map<String, NdArray> a = valid();
        damage.accept(a);
        Path d = dir.resolve("ds" + System.nanoTime());
        try {
            Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Npz.write(d.resolve(DatasetFiles.NPZ), a);
        UserError e = assertThrows(UserError.class, () -> DatasetFiles.read(d));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains(d.resolve(DatasetFiles.NPZ).toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theValidFileLoads() throws Exception {
        Files.createDirectories(dir.resolve("ok"));
        Npz.write(dir.resolve("ok").resolve(DatasetFiles.NPZ), valid());
        NtpDataset ds = DatasetFiles.read(dir.resolve("ok"));
        assertEquals(7, ds.pairCount());
        assertArrayEquals(new int[] {1, 2}, ds.contextTokens(1));
    }

    @Test
    void countsWhoseSumOverflowsInt64() {
        // each count fits, their sum does not: 2^62 + 2^62 + 2 > 2^63 - 1
        String m = problem(a -> a.put("count", NdArray.ofLongs(new long[] {1L << 62, 1L << 62, 2}, 3)));
        assertTrue(m.contains("int64"), m);
        // one context alone overflows
        m = problem(a -> a.put("count", NdArray.ofLongs(new long[] {Long.MAX_VALUE, 1, 2}, 3)));
        assertTrue(m.contains("int64"), m);
    }

    @Test
    void nonPositiveCounts() {
        assertTrue(problem(a -> a.put("count", NdArray.ofLongs(new long[] {1, 0, 2}, 3))).contains("count 0 < 1"));
        assertTrue(problem(a -> a.put("count", NdArray.ofLongs(new long[] {1, -5, 2}, 3))).contains("count -5 < 1"));
    }

    @Test
    void idsOutOfRange() {
        assertTrue(problem(a -> a.put("support_token", NdArray.ofInts(new int[] {0, 3, 1}, 3))).contains("support_token 3 outside [0, V = 3)"));
        assertTrue(problem(a -> a.put("support_token", NdArray.ofInts(new int[] {0, -1, 1}, 3))).contains("support_token -1"));
        assertTrue(problem(a -> a.put("support_context", NdArray.ofInts(new int[] {0, 0, 2}, 3))).contains("support_context 2 outside [0, m = 2)"));
        assertTrue(problem(a -> a.put("contexts", NdArray.ofInts(new int[] {0, 1, 1, 3}, 2, 2))).contains("context token id 3 outside [0, 3)"));
        assertTrue(problem(a -> a.put("row_input_id", NdArray.ofInts(new int[] {0, 1, 7}, 3))).contains("row_input_id 7"));
    }

    @Test
    void inconsistentShapes() {
        assertTrue(problem(a -> a.put("m", NdArray.scalar(0L))).contains("m = 0"));
        assertTrue(problem(a -> a.put("m", NdArray.scalar(-4L))).contains("m = -4"));
        assertTrue(problem(a -> a.put("V", NdArray.scalar(0L))).contains("V = 0"));
        assertTrue(problem(a -> a.put("m", NdArray.scalar(5_000_000_000L))).contains("m = 5000000000"));
        assertTrue(problem(a -> a.put("V", NdArray.scalar(5_000_000_000L))).contains("overflow"));
        assertTrue(problem(a -> a.put("count", NdArray.ofLongs(new long[] {1, 4}, 2))).contains("differ in length"));
        assertTrue(problem(a -> a.put("contexts", NdArray.ofInts(new int[] {0, 1, 1}, 3, 1))).contains("contexts has shape [3, 1]"));
        assertTrue(problem(a -> a.put("tokens", NdArray.ofStrings(new String[] {"a", "b"}))).contains("tokens has 2 strings for V = 3"));
        assertTrue(problem(a -> a.put("row_input_id", NdArray.ofInts(new int[] {0, 1}, 2))).contains("row_input_id has 2 entries"));
        assertTrue(problem(a -> a.put("support_token", NdArray.ofInts(new int[] {0, 2, 1}, 3, 1))).contains("1-dimensional"));
        assertTrue(problem(a -> a.put("count", NdArray.ofDoubles(new double[] {1, 4, 2}, 3))).contains("not an integer array"));
    }

    @Test
    void structuralProblems() {
        // context 1 has no entry: m = 3 with entries only for contexts 0 and 2
        assertTrue(problem(a -> {
            a.put("m", NdArray.scalar(3L));
            a.put("support_context", NdArray.ofInts(new int[] {0, 0, 2}, 3));
            a.remove("contexts");
        }).contains("context 1 has no next token"));
        assertTrue(problem(a -> a.put("support_token", NdArray.ofInts(new int[] {2, 2, 1}, 3))).contains("lists token 2 twice"));
        assertTrue(problem(a -> a.remove("count")).contains("has no array 'count'"));
    }

    @Test
    void unsortedEntriesFromOtherToolsStillLoad() throws Exception {
        Map<String, NdArray> a = valid();
        a.put("support_token", NdArray.ofInts(new int[] {1, 2, 0}, 3));
        a.put("support_context", NdArray.ofInts(new int[] {1, 0, 0}, 3));
        a.put("count", NdArray.ofLongs(new long[] {2, 4, 1}, 3));
        Files.createDirectories(dir.resolve("u"));
        Npz.write(dir.resolve("u").resolve(DatasetFiles.NPZ), a);
        NtpDataset ds = DatasetFiles.read(dir.resolve("u"));
        assertArrayEquals(new int[] {0, 2}, ds.support(0));
        assertEquals(4, ds.count(ds.start(0) + 1));
    }

    @Test
    void damagedArchive() throws Exception {
        Files.createDirectories(dir.resolve("z"));
        Files.write(dir.resolve("z").resolve(DatasetFiles.NPZ), new byte[] {'P', 'K', 3, 4, 0, 0});
        UserError e = assertThrows(UserError.class, () -> DatasetFiles.read(dir.resolve("z")));
        assertTrue(e.getMessage().startsWith("not an ntpgeo dataset"), e.getMessage());
    }
}
