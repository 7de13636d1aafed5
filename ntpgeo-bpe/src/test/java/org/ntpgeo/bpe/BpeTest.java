package org.ntpgeo.bpe;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.Bpe;
import org.ntpgeo.data.BpeTrainer;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

class BpeTest {
    @TempDir
    Path dir;

    static Path sharedText(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/data/tinystories").resolve(name);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    @Test
    void theServiceIsFoundOnTheClassPath() {
        assertInstanceOf(HuggingFaceBpe.class, Bpe.provider());
    }

    @Test
    void trainerMergesByHand() {
        // words: "aab" x3, "ab" x2: pairs (a,a)=3 (a,b)=5 -> first merge a+b; then (a,ab)=3 -> "aab"
        BpeTrainer.Model m = BpeTrainer.train(Map.of("aab", 3L, "ab", 2L), 4);
        assertEquals(List.of("a", "b", "ab", "aab"), m.vocab());
        assertArrayEquals(new String[] {"a", "b"}, m.merges().get(0));
        assertArrayEquals(new String[] {"a", "ab"}, m.merges().get(1));
        assertEquals(List.of("aab"), m.encodeWord("aab"));
        assertEquals(List.of("b", "ab"), m.encodeWord("bab"));
        assertEquals(List.of("b", "a"), m.encodeWord("ba"));
        assertEquals(List.of("a", "a", "a"), BpeTrainer.train(Map.of("aab", 3L, "ab", 2L), 1).encodeWord("aaa")); // no merges
    }

    @Test
    void libraryEncodingEqualsTrainerMergesOnRealText() throws Exception {
        Path text = sharedText("validation-head.txt");
        assumeTrue(text != null, "shared TinyStories sample not found");
        List<String> lines = Files.readAllLines(text).subList(0, 400);
        Map<String, Long> words = new HashMap<>();
        Tokenizer ws = Tokenizers.simple("whitespace");
        for (String l : lines) for (String w : ws.tokenize(l)) words.merge(w, 1L, Long::sum);
        BpeTrainer.Model model = BpeTrainer.train(words, 300);
        assertEquals(300, model.vocab().size());
        Tokenizer lib = Bpe.load(org.ntpgeo.io.Json.toString(model.toTokenizerJson()));
        int checked = 0;
        for (String l : Files.readAllLines(text).subList(400, 700)) { // unseen lines, same alphabet mostly
            List<String> expected = new ArrayList<>();
            boolean known = true;
            for (String w : ws.tokenize(l)) {
                for (int cp : w.codePoints().toArray()) known &= model.vocab().contains(new String(Character.toChars(cp)));
                expected.addAll(model.encodeWord(w));
            }
            if (!known) continue;
            assertEquals(expected, lib.tokenize(l), l);
            checked++;
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void buildWithBpeSavesTheModel() throws Exception {
        Path c = dir.resolve("c.txt");
        Files.writeString(c, "the cat sat on the mat\nthe cat ate the hat\nthat cat sat\n");
        BuildOptions o = BuildOptions.defaults(3).withTokenizer("bpe").withBpeVocab(20);
        Path out = dir.resolve("ds");
        var b = CorpusDatasetBuilder.buildTo(out, false, List.of(c), o, ProgressListener.NONE);
        assertTrue(Files.exists(out.resolve(Bpe.FILE)));
        Tokenizer reloaded = Bpe.load(Files.readString(out.resolve(Bpe.FILE)));
        assertEquals(List.of("the", "cat"), reloaded.tokenize("the cat"));
        // V counts the BPE tokens that occur in the corpus: at most the model's 20
        assertTrue(b.dataset().vocabSize() <= 20);
        for (String tok : b.dataset().vocab()) assertTrue(tok.matches("[a-z]+"), tok);
    }
}
