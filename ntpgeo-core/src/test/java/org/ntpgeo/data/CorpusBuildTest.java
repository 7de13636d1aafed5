package org.ntpgeo.data;

import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Npz;

class CorpusBuildTest {
    @TempDir
    Path dir;

    Path corpus(String text) throws IOException {
        Path f = Files.createTempFile(dir, "corpus", ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    static BuildOptions ws(int t) {
        return BuildOptions.defaults(t).withTokenizer("whitespace");
    }

    NtpDataset build(String text, BuildOptions o) throws IOException {
        return CorpusDatasetBuilder.build(List.of(corpus(text)), o, 2, ProgressListener.NONE).dataset();
    }

    static final String ABC = "a b a b c\na b a\n";

    @Test
    void slidingWindowsByHand() throws IOException {
        // windows: (a b -> a) (b a -> b) (a b -> c) | (a b -> a); token ids a=0 b=1 c=2
        NtpDataset ds = build(ABC, ws(3));
        assertEquals(3, ds.vocabSize());
        assertArrayEquals(new String[] {"a", "b", "c"}, ds.vocab());
        assertEquals(2, ds.contextCount());
        assertEquals(4, ds.pairCount());
        assertArrayEquals(new int[] {0, 1}, ds.contextTokens(0));
        assertArrayEquals(new int[] {1, 0}, ds.contextTokens(1));
        assertArrayEquals(new int[] {0, 2}, ds.support(0));
        assertEquals(2, ds.count(ds.start(0)));
        assertEquals(1, ds.count(ds.start(0) + 1));
        assertArrayEquals(new int[] {1}, ds.support(1));
        double h = 0.75 * -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));
        assertEquals(h, ds.entropy(), 1e-15);
    }

    @Test
    void firstWindowOnly() throws IOException {
        NtpDataset ds = build(ABC, ws(3).withWindows(Windows.FIRST));
        assertEquals(1, ds.contextCount());
        assertEquals(2, ds.pairCount());
        assertArrayEquals(new int[] {0}, ds.support(0));
        assertEquals(3, ds.vocabSize(), "full vocabulary includes tokens outside windows");
    }

    @Test
    void filtersByHand() throws IOException {
        for (BuildOptions o : List.of(ws(3).withFilters(2, 1, null, null, BuildOptions.NextTokenVocab.FULL),
                ws(3).withFilters(1, 2, null, null, BuildOptions.NextTokenVocab.FULL),
                ws(3).withFilters(1, 1, 1, null, BuildOptions.NextTokenVocab.FULL))) {
            NtpDataset ds = build(ABC, o);
            assertEquals(1, ds.contextCount(), o.toString());
            assertArrayEquals(new int[] {0, 1}, ds.contextTokens(0));
            assertEquals(3, ds.pairCount());
        }
    }

    @Test
    void maxContextsBreaksTiesByFirstOccurrence() throws IOException {
        // contexts [x]{y}, [y]{z,x}, [z]{y}: y has count 2, x and z tie at 1 -> x (earlier) wins
        NtpDataset ds = build("x y z\nz y x\n", ws(2).withFilters(1, 1, 2, null, BuildOptions.NextTokenVocab.FULL));
        assertEquals(2, ds.contextCount());
        assertEquals("x", ds.tokenName(ds.contextTokens(0)[0]));
        assertEquals("y", ds.tokenName(ds.contextTokens(1)[0]));
    }

    @Test
    void vocabularyCapMapsRareTokensToUnk() throws IOException {
        // token counts a:4 b:3 c:1; K=2 keeps a, b and c become <unk> (id 1, first seen at b)
        NtpDataset ds = build(ABC, ws(3).withFilters(1, 1, null, 2, BuildOptions.NextTokenVocab.FULL));
        assertArrayEquals(new String[] {"a", "<unk>"}, ds.vocab());
        assertEquals(2, ds.contextCount());
        assertArrayEquals(new int[] {0, 1}, ds.contextTokens(0));
        assertArrayEquals(new int[] {0, 1}, ds.support(0)); // a:2, <unk>:1 (from c)
        assertEquals(2, ds.count(ds.start(0)));
        assertArrayEquals(new int[] {1}, ds.support(1));
        // K >= distinct tokens changes nothing
        assertArrayEquals(new String[] {"a", "b", "c"}, build(ABC, ws(3).withFilters(1, 1, null, 3, BuildOptions.NextTokenVocab.FULL)).vocab());
    }

    @Test
    void observedNextTokenVocabulary() throws IOException {
        Path c = corpus(ABC);
        var b = CorpusDatasetBuilder.build(List.of(c), ws(3).withFilters(2, 1, null, null, BuildOptions.NextTokenVocab.OBSERVED), 1, ProgressListener.NONE);
        NtpDataset ds = b.dataset();
        assertEquals(2, ds.vocabSize());
        assertArrayEquals(new String[] {"a", "c"}, ds.vocab());
        assertArrayEquals(new int[] {0, 2}, b.assembled().rowInputIds());
        assertArrayEquals(new String[] {"a", "b", "c"}, b.assembled().inputTokens());
        assertArrayEquals(new int[] {0, 1}, ds.support(0));
        assertArrayEquals(new int[] {0, 1}, ds.contextTokens(0)); // input ids: a b
    }

    @Test
    void documentsNeverShareAWindow() throws IOException {
        BuildOptions o = ws(2).withDocuments(DocumentSplitter.BLANK_LINE);
        NtpDataset ds = build("p q\nr\n\ns t<|endoftext|>u\n", o);
        // blank-line docs: [p q r] [s t<|endoftext|>u] -> (p->q) (q->r) (s->t<|endoftext|>u)
        assertEquals(3, ds.pairCount());
        NtpDataset eot = build("p q\nr\n\ns t<|endoftext|>u\n", ws(2).withDocuments(DocumentSplitter.EOT));
        // eot docs: [p q r s t] [u] -> 4 windows
        assertEquals(4, eot.pairCount());
    }

    @Test
    void chunkingAndThreadsDoNotChangeTheResult() throws IOException {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int line = 0; line < 400; line++) {
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) sb.append("w").append(r.nextInt(9)).append(r.nextInt(5) == 0 ? ", " : " ");
            sb.append(r.nextInt(6) == 0 ? "\n\n" : "\n");
        }
        Path c = corpus(sb.toString());
        for (DocumentSplitter d : DocumentSplitter.values()) {
            BuildOptions o = BuildOptions.defaults(3).withDocuments(d);
            CorpusCounts one = new CorpusCounter(new WordTokenizer(), d, Windows.SLIDING, 3, 1, 1 << 20).count(List.of(c), org.ntpgeo.common.Progress.NONE).counts();
            CorpusCounts many = new CorpusCounter(new WordTokenizer(), d, Windows.SLIDING, 3, 2, 64).count(List.of(c), org.ntpgeo.common.Progress.NONE).counts();
            NtpDataset a = ContextAssembler.assemble(one, o).dataset();
            NtpDataset b = ContextAssembler.assemble(many, o).dataset();
            assertArrayEquals(a.vocab(), b.vocab());
            assertArrayEquals(a.contextTokensFlat(), b.contextTokensFlat());
            assertArrayEquals(a.supportTokensFlat(), b.supportTokensFlat());
            assertArrayEquals(a.countsFlat(), b.countsFlat());
        }
    }

    @Test
    void countsFromElsewhereAssembleTheSame() {
        // what a distributed job would hand over: ABC's tokens and windows in first-occurrence order
        CorpusCounts given = CorpusCounts.of(new String[] {"a", "b", "c"}, new long[] {4, 3, 1}, 3,
                new int[] {0, 1, 0, 1, 0, 1, 0, 1, 2}, new long[] {2, 1, 1}, 2, 8, 4, 5);
        CorpusCounts direct = CorpusCounts.ofDocuments(List.of(List.of("a", "b", "a", "b", "c"), List.of("a", "b", "a")), Windows.SLIDING, 3);
        NtpDataset x = ContextAssembler.assemble(given, ws(3)).dataset();
        NtpDataset y = ContextAssembler.assemble(direct, ws(3)).dataset();
        assertArrayEquals(y.contextTokensFlat(), x.contextTokensFlat());
        assertArrayEquals(y.supportTokensFlat(), x.supportTokensFlat());
        assertArrayEquals(y.countsFlat(), x.countsFlat());
        assertArrayEquals(y.vocab(), x.vocab());
        assertArrayEquals(new long[] {4, 3, 1}, direct.tokenCounts());
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws IOException {
        Path c = corpus(ABC.repeat(50));
        Path out1 = dir.resolve("one");
        Path out2 = dir.resolve("two");
        CorpusDatasetBuilder.buildTo(out1, false, List.of(c), ws(3), ProgressListener.NONE);
        CorpusDatasetBuilder.buildTo(out2, false, List.of(c), ws(3), ProgressListener.NONE);
        for (String f : List.of(DatasetFiles.NPZ, DatasetFiles.JSON)) {
            assertArrayEquals(Files.readAllBytes(out1.resolve(f)), Files.readAllBytes(out2.resolve(f)), f);
        }
        var json = DatasetFiles.readJson(out1);
        assertEquals(DatasetFiles.sha256(c), json.get("inputs").get(0).get("sha256").asText());
        assertEquals(Files.size(c), json.get("inputs").get(0).get("bytes").asLong());
        assertEquals("whitespace", json.get("tokenizer").get("name").asText());
        assertEquals(3, json.get("options").get("context_length").asInt());
        assertEquals(200, json.get("n").asLong());
    }

    @Test
    void npzRoundTrip() throws IOException {
        Path out = dir.resolve("rt");
        var b = CorpusDatasetBuilder.buildTo(out, false, List.of(corpus(ABC)), ws(3).withFilters(2, 1, null, null, BuildOptions.NextTokenVocab.OBSERVED), ProgressListener.NONE);
        NtpDataset back = DatasetFiles.read(out);
        NtpDataset ds = b.dataset();
        assertEquals(ds.vocabSize(), back.vocabSize());
        assertArrayEquals(ds.vocab(), back.vocab());
        assertArrayEquals(ds.colPtr(), back.colPtr());
        assertArrayEquals(ds.supportTokensFlat(), back.supportTokensFlat());
        assertArrayEquals(ds.countsFlat(), back.countsFlat());
        assertArrayEquals(ds.contextTokensFlat(), back.contextTokensFlat());
        assertArrayEquals(new String[] {"a", "b", "c"}, DatasetFiles.inputTokens(out));
        assertArrayEquals(new int[] {0, 2}, Npz.read(out.resolve(DatasetFiles.NPZ)).get("row_input_id").asInts());
    }

    // ---- bad input: one UserError, nothing left behind

    void assertFailsCleanly(String expectedPart, List<Path> files, BuildOptions o) {
        Path out = dir.resolve("out");
        UserError e = assertThrows(UserError.class, () -> CorpusDatasetBuilder.buildTo(out, false, files, o, ProgressListener.NONE));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "staging left behind");
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void badInputsGiveOneLineErrors() throws IOException {
        assertFailsCleanly("not found", List.of(dir.resolve("missing.txt")), ws(3));
        assertFailsCleanly("not a regular file", List.of(dir), ws(3));
        assertFailsCleanly("empty", List.of(corpus("")), ws(3));
        assertFailsCleanly("empty", List.of(corpus(" \n\t\n")), ws(3));
        Path bin = dir.resolve("bin.dat");
        Files.write(bin, new byte[] {'a', ' ', 'b', 0, 1, 2, '\n'});
        assertFailsCleanly("binary", List.of(bin), ws(2));
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        assertFailsCleanly("not UTF-8", List.of(latin1), ws(2));
        Path truncated = dir.resolve("trunc.txt");
        Files.write(truncated, new byte[] {'a', ' ', 'b', ' ', (byte) 0xC3});
        assertFailsCleanly("not UTF-8", List.of(truncated), ws(2));
        assertFailsCleanly("at least 2", List.of(corpus(ABC)), ws(1));
        assertFailsCleanly("longer than every document", List.of(corpus(ABC)), ws(6));
        assertFailsCleanly("no context is left", List.of(corpus(ABC)), ws(3).withFilters(1, 5, null, null, BuildOptions.NextTokenVocab.FULL));
        Path existing = Files.createDirectory(dir.resolve("exists"));
        OptionError e = assertThrows(OptionError.class, () -> CorpusDatasetBuilder.buildTo(existing, false, List.of(corpus(ABC)), ws(3), ProgressListener.NONE));
        assertEquals(List.of("force"), e.options(), "the error names the option that would allow it");
        CorpusDatasetBuilder.buildTo(existing, true, List.of(corpus(ABC)), ws(3), ProgressListener.NONE);
        assertTrue(Files.exists(existing.resolve(DatasetFiles.NPZ)));
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        Path f = dir.resolve("bom.txt");
        Files.write(f, ("\uFEFF" + ABC).getBytes(StandardCharsets.UTF_8));
        NtpDataset ds = CorpusDatasetBuilder.build(List.of(f), ws(3), 1, ProgressListener.NONE).dataset();
        assertArrayEquals(new String[] {"a", "b", "c"}, ds.vocab());
    }
}
