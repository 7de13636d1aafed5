package org.ntpgeo.data.recipes;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

class SimplifiedTinyStoriesTest {
    @TempDir
    Path dir;

    static Path sample;
    static CorpusDatasetBuilder.Built built;

    static Path shared(String name) {
        return org.ntpgeo.data.SharedFiles.tinyStories(name);
    }

    @BeforeAll
    static void build() {
        sample = shared("train-first-1000.txt");
        if (sample != null) built = new SimplifiedTinyStories().build(List.of(sample), RecipeOptions.defaults());
    }

    /** The words of context j (through input_tokens) and its next words (row names). */
    static List<String> contextWords(CorpusDatasetBuilder.Built b, int j) {
        List<String> w = new ArrayList<>();
        for (int id : b.dataset().contextTokens(j)) w.add(b.assembled().inputTokens()[id]);
        return w;
    }

    static Set<String> nextWords(NtpDataset ds, int j) {
        Set<String> s = new TreeSet<>();
        for (int k = ds.start(j); k < ds.end(j); k++) s.add(ds.tokenName(ds.token(k)));
        return s;
    }

    /**
     * The base contexts computed independently: string-keyed maps over the first 2000 non-blank lines, the 50 most
     * frequent 5-word contexts with >= 2 next words (ties: first occurrence), pruned, skipped when < 2 remain.
     */
    static List<Map.Entry<List<String>, Set<String>>> naiveBases(Path file, int lines, int wanted) throws Exception {
        Tokenizer word = Tokenizers.simple("word");
        Map<List<String>, Map<String, Integer>> next = new LinkedHashMap<>();
        int used = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || used == lines) continue;
            used++;
            List<String> t = word.tokenize(line);
            for (int i = 0; i + 6 <= t.size(); i++) next.computeIfAbsent(List.copyOf(t.subList(i, i + 5)), k -> new HashMap<>()).merge(t.get(i + 5), 1, Integer::sum);
        }
        List<List<String>> order = new ArrayList<>(next.keySet());
        Map<List<String>, Integer> first = new HashMap<>();
        for (int i = 0; i < order.size(); i++) first.put(order.get(i), i);
        order.removeIf(c -> next.get(c).size() < 2);
        order.sort((a, b) -> {
            int ca = next.get(a).values().stream().mapToInt(Integer::intValue).sum();
            int cb = next.get(b).values().stream().mapToInt(Integer::intValue).sum();
            return ca != cb ? Integer.compare(cb, ca) : Integer.compare(first.get(a), first.get(b));
        });
        List<Map.Entry<List<String>, Set<String>>> out = new ArrayList<>();
        for (List<String> c : order) {
            if (out.size() == wanted) break;
            Map<String, Integer> nx = next.get(c);
            Set<String> kept = new TreeSet<>();
            nx.forEach((w, n) -> {
                if (nx.size() < 8 || n >= 2) kept.add(w);
            });
            if (kept.size() >= 2) out.add(Map.entry(c, kept));
        }
        return out;
    }

    @Test
    void baseContextsAndSupportsMatchAnIndependentCount() throws Exception {
        assumeTrue(sample != null, "shared TinyStories sample not found");
        NtpDataset ds = built.dataset();
        List<Map.Entry<List<String>, Set<String>>> bases = naiveBases(sample, 2000, 50);
        assertEquals(50, bases.size());
        assertEquals(400, ds.contextCount());
        for (int c = 0; c < 50; c++) {
            assertEquals(bases.get(c).getKey(), contextWords(built, 8 * c), "base context of class " + c);
            for (int v = 0; v < 8; v++) assertEquals(bases.get(c).getValue(), nextWords(ds, 8 * c + v), "support of context " + (8 * c + v));
        }
        // V = the surviving next words
        Set<String> all = new TreeSet<>();
        for (var b : bases) all.addAll(b.getValue());
        assertEquals(all, new TreeSet<>(List.of(ds.vocab())));
    }

    @Test
    void variantsAreDistinctNearCopiesOfTheirBase() {
        assumeTrue(sample != null, "shared TinyStories sample not found");
        NtpDataset ds = built.dataset();
        Set<List<String>> seen = new HashSet<>();
        Set<String> vocabulary = new HashSet<>(List.of(built.assembled().inputTokens()));
        for (int j = 0; j < ds.contextCount(); j++) {
            List<String> w = contextWords(built, j);
            assertTrue(seen.add(w), "context " + j + " repeats " + w);
            List<String> base = contextWords(built, j - j % 8);
            int changed = 0;
            for (int i = 0; i < 5; i++) if (!w.get(i).equals(base.get(i))) changed++;
            if (j % 8 == 0) assertEquals(0, changed);
            else assertTrue(changed == 1 || changed == 2, "context " + j + " changes " + changed + " words of its base");
            assertTrue(vocabulary.containsAll(w));
            assertFalse(w.contains("<unk>"));
            for (int k = ds.start(j); k < ds.end(j); k++) assertTrue(ds.count(k) >= 1 && ds.count(k) <= 4);
        }
        // supports are constant within a base's class (several bases may share one support: then one class)
        assertTrue(ds.supportClassCount() <= 50 && ds.supportClassCount() >= 40, "classes " + ds.supportClassCount());
        // the counts are redrawn, not the corpus's: the first context's corpus count is far above 4 per next word
        assertTrue(built.provenance().path("recipe").path("classes").get(0).path("count").asLong() > 4 * ds.supportSize(0));
        double h = ds.entropy();
        assertTrue(h > 1.0 && h < 2.0, "H = " + h);
    }

    @Test
    void seedReproducesAndChangesOnlyTheRandomParts() {
        assumeTrue(sample != null, "shared TinyStories sample not found");
        CorpusDatasetBuilder.Built again = new SimplifiedTinyStories().build(List.of(sample), RecipeOptions.defaults());
        assertArrayEquals(built.dataset().contextTokensFlat(), again.dataset().contextTokensFlat());
        assertArrayEquals(built.dataset().countsFlat(), again.dataset().countsFlat());
        CorpusDatasetBuilder.Built other = new SimplifiedTinyStories().build(List.of(sample), RecipeOptions.defaults().withSeed(7));
        assertEquals(built.dataset().contextCount(), other.dataset().contextCount());
        assertEquals(contextWords(built, 8), contextWords(other, 8), "bases do not depend on the seed");
        boolean variantsDiffer = false;
        for (int j = 1; j < 8; j++) variantsDiffer |= !contextWords(built, j).equals(contextWords(other, j));
        assertTrue(variantsDiffer);
        assertFalse(java.util.Arrays.equals(built.dataset().countsFlat(), other.dataset().countsFlat()));
    }

    @Test
    void optionsShapeTheDataset() {
        assumeTrue(sample != null, "shared TinyStories sample not found");
        CorpusDatasetBuilder.Built b = new SimplifiedTinyStories().build(List.of(sample),
                RecipeOptions.defaults().withLines(500).withContexts(10).withVariants(3));
        assertEquals(30, b.dataset().contextCount());
        assertEquals(500, b.provenance().path("pipeline").path("lines_used").asInt());
        CorpusDatasetBuilder.Built one = new SimplifiedTinyStories().build(List.of(sample), RecipeOptions.defaults().withContexts(5).withVariants(1));
        assertEquals(5, one.dataset().contextCount());
    }

    @Test
    void tooFewLinesIsAClearError() throws Exception {
        Path small = dir.resolve("small.txt");
        Files.writeString(small, "the cat sat on the mat and the dog sat on the mat too\nthe cat sat on the mat and slept\n");
        UserError e = assertThrows(UserError.class, () -> new SimplifiedTinyStories().build(List.of(small), RecipeOptions.defaults()));
        assertTrue(e.getMessage().contains("fewer than the 50 asked for"), e.getMessage());
        Path shortLines = dir.resolve("short.txt");
        Files.writeString(shortLines, "a b c\nd e\n");
        e = assertThrows(UserError.class, () -> new SimplifiedTinyStories().build(List.of(shortLines), RecipeOptions.defaults()));
        assertTrue(e.getMessage().contains("has 6 words"), e.getMessage());
    }

    @Test
    void aCorpusWithFewerLinesIsUsedWholeAndSaysSo() {
        assumeTrue(sample != null, "shared TinyStories sample not found");
        CorpusDatasetBuilder.Built b = new SimplifiedTinyStories().build(List.of(sample), RecipeOptions.defaults().withLines(1_000_000).withContexts(5));
        JsonNode notes = b.provenance().path("recipe").path("notes");
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).asText().contains("non-blank lines"), notes.toString());
        assertTrue(b.provenance().path("pipeline").path("lines_used").asInt() > 5000);
    }

    @Test
    void unusedKnobsAreRefused() {
        UserError e = assertThrows(UserError.class, () -> new TinyStoriesBpe().build(List.of(dir.resolve("x")), RecipeOptions.defaults().withVariants(3)));
        assertTrue(e.getMessage().contains("has no variants setting"), e.getMessage());
        assertThrows(UserError.class, () -> Recipes.byName("nope"));
    }

    @Test
    void neighboursByHand() {
        // words: 0 the, 1 cat, 2 sat, 3 dog, 4 ran; "the cat sat", "the dog sat", "the cat ran"
        DistributionalNeighbours nb = new DistributionalNeighbours(5, List.of(new int[] {0, 1, 2}, new int[] {0, 3, 2}, new int[] {0, 1, 4}));
        // cat: L the x2, R sat x1, R ran x1 -> (2, 1, 1); dog: L the x1, R sat x1 -> (1, 1, 0)
        assertEquals(3 / (Math.sqrt(6) * Math.sqrt(2)), nb.similarity(1, 3), 1e-12);
        // sat: L cat, L dog; ran: L cat -> cos = 1/sqrt(2)
        assertEquals(1 / Math.sqrt(2), nb.similarity(2, 4), 1e-12);
        assertArrayEquals(new int[] {3}, nb.nearest(1, 3, 1, w -> true)); // dog is the only word sharing a neighbour with cat
        assertArrayEquals(new int[] {}, nb.nearest(1, 3, 2, w -> true)); // dog occurs once: below the frequency floor
        assertEquals(0, nb.similarity(0, 1), 1e-15); // "the" has only right neighbours cat/dog; cat has the/sat/ran
    }
}
