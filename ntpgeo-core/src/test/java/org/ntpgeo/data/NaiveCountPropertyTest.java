package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ntpgeo.common.Progress;

/** The builder's counts equal an independent naive count over lists of strings. */
class NaiveCountPropertyTest {

    @Property(tries = 150)
    void builderEqualsNaiveCount(@ForAll @Size(min = 1, max = 25) List<@Size(max = 12) List<@IntRange(min = 0, max = 5) Integer>> docs,
                                 @ForAll @IntRange(min = 2, max = 4) int t, @ForAll boolean first,
                                 @ForAll @IntRange(min = 16, max = 200) int chunkBytes,
                                 @ForAll @IntRange(min = 1, max = 3) int threads,
                                 @ForAll @IntRange(min = 0, max = 12) int retireCounterAt) throws IOException {
        // documents of tokens "w0".."w5" (with a capital to exercise nothing: whitespace keeps them as they are)
        StringBuilder text = new StringBuilder();
        List<List<String>> words = new ArrayList<>();
        for (List<Integer> d : docs) {
            List<String> w = new ArrayList<>();
            for (int x : d) w.add("w" + x);
            words.add(w);
            text.append(String.join(" ", w)).append('\n');
        }
        // naive: LinkedHashMap keeps first-occurrence order of contexts
        Map<List<String>, Map<String, Long>> naive = new LinkedHashMap<>();
        for (List<String> w : words) {
            int windows = w.size() < t ? 0 : first ? 1 : w.size() - t + 1;
            for (int i = 0; i < windows; i++) {
                naive.computeIfAbsent(List.copyOf(w.subList(i, i + t - 1)), k -> new TreeMap<>()).merge(w.get(i + t - 1), 1L, Long::sum);
            }
        }
        Path f = Files.createTempFile("ntpgeo-prop", ".txt");
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            Windows mode = first ? Windows.FIRST : Windows.SLIDING;
            // 0: the workers keep their window counters; else they hand them over after that many distinct windows
            CorpusCounter counter = new CorpusCounter(new WhitespaceTokenizer(), DocumentSplitter.LINE, mode, t, threads, chunkBytes);
            if (retireCounterAt > 0) counter.retireCounterAt(retireCounterAt);
            CorpusCounts counts = counter.count(List.of(f), Progress.NONE).counts();
            if (naive.isEmpty()) {
                assertEquals(0, counts.windows().size());
                return;
            }
            NtpDataset ds = ContextAssembler.assemble(counts, BuildOptions.defaults(t).withTokenizer("whitespace")).dataset();
            assertEquals(naive.size(), ds.contextCount());
            int j = 0;
            for (Map.Entry<List<String>, Map<String, Long>> e : naive.entrySet()) {
                List<String> ctx = new ArrayList<>();
                for (int id : ds.contextTokens(j)) ctx.add(ds.tokenName(id));
                assertEquals(e.getKey(), ctx, "context " + j);
                Map<String, Long> got = new TreeMap<>();
                for (int k = ds.start(j); k < ds.end(j); k++) got.put(ds.tokenName(ds.token(k)), ds.count(k));
                assertEquals(e.getValue(), got, "counts of context " + j);
                j++;
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * {@code --unk drop}: the K most frequent words (ties: earlier first occurrence) are kept; the dataset equals a
     * naive count over the windows made only of kept words (contexts in order of their first window with kept
     * context words), and the pipeline reports the dropped occurrences.
     */
    @Property(tries = 100)
    void dropKeepsOnlyWindowsOfKeptWords(@ForAll @Size(min = 1, max = 25) List<@Size(max = 12) List<@IntRange(min = 0, max = 7) Integer>> docs,
                                         @ForAll @IntRange(min = 2, max = 4) int t, @ForAll @IntRange(min = 1, max = 6) int k) throws IOException {
        StringBuilder text = new StringBuilder();
        List<List<String>> words = new ArrayList<>();
        Map<String, Long> freq = new LinkedHashMap<>(); // first-occurrence order
        for (List<Integer> d : docs) {
            List<String> w = new ArrayList<>();
            for (int x : d) {
                w.add("w" + x);
                freq.merge("w" + x, 1L, Long::sum);
            }
            words.add(w);
            text.append(String.join(" ", w)).append('\n');
        }
        List<String> byFreq = new ArrayList<>(freq.keySet());
        List<String> firstSeen = new ArrayList<>(freq.keySet());
        byFreq.sort((a, b) -> freq.get(a).equals(freq.get(b)) ? Integer.compare(firstSeen.indexOf(a), firstSeen.indexOf(b))
                : Long.compare(freq.get(b), freq.get(a)));
        java.util.Set<String> kept = new java.util.HashSet<>(byFreq.subList(0, Math.min(k, byFreq.size())));
        Map<List<String>, Map<String, Long>> naive = new LinkedHashMap<>();
        long all = 0, dropped = 0;
        for (List<String> w : words) {
            for (int i = 0; i + t <= w.size(); i++) {
                all++;
                List<String> win = w.subList(i, i + t);
                if (!kept.containsAll(win)) dropped++;
                if (!kept.containsAll(win.subList(0, t - 1))) continue;
                // a context is numbered at its first window whose context words are kept, whatever its next word
                Map<String, Long> next = naive.computeIfAbsent(List.copyOf(win.subList(0, t - 1)), x -> new TreeMap<>());
                if (kept.contains(win.get(t - 1))) next.merge(win.get(t - 1), 1L, Long::sum);
            }
        }
        naive.values().removeIf(Map::isEmpty);
        CorpusCounts counts = CorpusCounts.ofDocuments(words, Windows.SLIDING, t);
        BuildOptions o = BuildOptions.defaults(t).withTokenizer("whitespace").withFilters(1, 1, null, k, BuildOptions.NextTokenVocab.FULL)
                .withUnk(BuildOptions.Unk.DROP);
        if (all == 0 || naive.isEmpty()) {
            if (all > 0) assertThrows(org.ntpgeo.common.UserError.class, () -> ContextAssembler.assemble(counts, o));
            return;
        }
        ContextAssembler.Assembled a = ContextAssembler.assemble(counts, o);
        NtpDataset ds = a.dataset();
        for (String s : a.inputTokens()) assertTrue(kept.contains(s), s + " is not a kept word");
        assertEquals(Math.min(k, freq.size()), a.inputTokens().length);
        assertEquals(naive.size(), ds.contextCount());
        int j = 0;
        for (Map.Entry<List<String>, Map<String, Long>> e : naive.entrySet()) {
            List<String> ctx = new ArrayList<>();
            for (int id : ds.contextTokens(j)) ctx.add(a.inputTokens()[id]);
            assertEquals(e.getKey(), ctx, "context " + j);
            Map<String, Long> got = new TreeMap<>();
            for (int q = ds.start(j); q < ds.end(j); q++) got.put(ds.tokenName(ds.token(q)), ds.count(q));
            assertEquals(e.getValue(), got, "counts of context " + j);
            j++;
        }
        if (freq.size() > k) {
            assertEquals(dropped, a.stages().get("windows_dropped").asLong());
            assertEquals(freq.size() - k, a.stages().get("tokens_out_of_vocab").asLong());
        }
    }
}
