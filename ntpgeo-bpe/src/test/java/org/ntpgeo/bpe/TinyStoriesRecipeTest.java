package org.ntpgeo.bpe;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.recipes.RecipeOptions;
import org.ntpgeo.data.recipes.TinyStoriesBpe;

/** The tinystories recipe against 'data build' with the same pipeline on the same lines. */
class TinyStoriesRecipeTest {
    @TempDir
    Path dir;

    /** context (as token strings) -> (next token -> count). */
    static Map<List<String>, Map<String, Long>> byContext(CorpusDatasetBuilder.Built b) {
        NtpDataset ds = b.dataset();
        String[] in = b.assembled().inputTokens();
        Map<List<String>, Map<String, Long>> out = new HashMap<>();
        for (int j = 0; j < ds.contextCount(); j++) {
            List<String> key = new ArrayList<>();
            for (int id : ds.contextTokens(j)) key.add(in[id]);
            Map<String, Long> next = new HashMap<>();
            for (int k = ds.start(j); k < ds.end(j); k++) next.put(ds.tokenName(ds.token(k)), ds.count(k));
            assertNull(out.put(key, next), "context listed twice: " + key);
        }
        return out;
    }

    @Test
    void aUniformSampleOfTheContextsOfDataBuild() throws Exception {
        Path text = BpeTest.sharedText("train-first-1000.txt");
        assumeTrue(text != null, "shared TinyStories sample not found");
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(text)) if (!l.isBlank() && lines.size() < 300) lines.add(l);
        Path first = dir.resolve("first300.txt");
        Files.write(first, lines);
        // data build on exactly those lines: every context with its counts
        BuildOptions all = TinyStoriesBpe.buildOptions();
        CorpusDatasetBuilder.Built reference = CorpusDatasetBuilder.build(List.of(first), all, 2, ProgressListener.NONE);
        Map<List<String>, Map<String, Long>> ref = byContext(reference);
        assertTrue(ref.size() > 10_000, "contexts " + ref.size());

        RecipeOptions o = RecipeOptions.defaults().withLines(300).withContexts(5000);
        CorpusDatasetBuilder.Built a = new TinyStoriesBpe().build(List.of(text), o);
        assertEquals(5000, a.dataset().contextCount());
        assertEquals(7, a.dataset().contextWidth() + 1);
        assertTrue(a.dataset().vocabSize() <= 128);
        Map<List<String>, Map<String, Long>> got = byContext(a);
        for (Map.Entry<List<String>, Map<String, Long>> e : got.entrySet()) assertEquals(ref.get(e.getKey()), e.getValue(), "counts of " + e.getKey());
        // V = exactly the next tokens of the kept contexts
        Set<String> next = new HashSet<>();
        got.values().forEach(m -> next.addAll(m.keySet()));
        assertEquals(next, new HashSet<>(List.of(a.dataset().vocab())));

        // another seed draws another sample of the same size; the same seed the same one
        CorpusDatasetBuilder.Built b = new TinyStoriesBpe().build(List.of(text), o.withSeed(1));
        assertNotEquals(got.keySet(), byContext(b).keySet());
        assertArrayEquals(a.dataset().countsFlat(), new TinyStoriesBpe().build(List.of(text), o).dataset().countsFlat());
        // a uniform sample, not the most frequent: singletons keep about their share of all contexts
        long singleRef = ref.values().stream().filter(m -> m.values().stream().mapToLong(Long::longValue).sum() == 1).count();
        long singleGot = got.values().stream().filter(m -> m.values().stream().mapToLong(Long::longValue).sum() == 1).count();
        double shareRef = (double) singleRef / ref.size(), shareGot = (double) singleGot / got.size();
        assertEquals(shareRef, shareGot, 0.03, "share of contexts seen once");
    }

    @Test
    void moreContextsThanTheTextHasIsAClearError() {
        Path text = BpeTest.sharedText("train-first-1000.txt");
        assumeTrue(text != null, "shared TinyStories sample not found");
        UserError e = assertThrows(UserError.class, () -> new TinyStoriesBpe().build(List.of(text),
                RecipeOptions.defaults().withLines(20).withContexts(100_000)));
        assertTrue(e.getMessage().contains("fewer than the 100000 asked for"), e.getMessage());
    }
}
