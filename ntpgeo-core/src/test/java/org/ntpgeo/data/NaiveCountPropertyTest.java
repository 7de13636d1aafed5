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
                                 @ForAll @IntRange(min = 16, max = 200) int chunkBytes) throws IOException {
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
            CorpusCounts counts = new CorpusCounter(new WhitespaceTokenizer(), DocumentSplitter.LINE, mode, t, 2, chunkBytes)
                    .count(List.of(f), Progress.silent()).counts();
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
}
