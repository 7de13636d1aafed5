package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {
    @Test
    void lines() {
        assertEquals(List.of("a b", "c", "  ", "d"), DocumentSplitter.LINE.split("a b\r\nc\n\n  \nd"));
    }

    @Test
    void blankLines() {
        assertEquals(List.of("a\nb", "c d\r"), DocumentSplitter.BLANK_LINE.split("\na\nb\n \t\n\nc d\r\n"));
    }

    @Test
    void endOfText() {
        assertEquals(List.of("one\ntwo ", "\nthree"), DocumentSplitter.EOT.split("one\ntwo <|endoftext|>\nthree<|endoftext|>"));
    }

    @Test
    void windowsCountByHand() {
        assertEquals(3, Windows.SLIDING.count(5, 3));
        assertEquals(1, Windows.FIRST.count(5, 3));
        assertEquals(0, Windows.SLIDING.count(2, 3));
        assertEquals(1, Windows.SLIDING.count(3, 3));
    }

    /** Cutting bytes at lastCut and splitting both halves gives the documents of the whole text. */
    @Property(tries = 300)
    void cutsFallOnDocumentBoundaries(@ForAll @StringLength(max = 60) @Chars({'a', 'b', ' ', '\n', '\r', '<', '|', '>', 'é'}) String body,
                                      @ForAll @IntRange(min = 0, max = 2) int mode, @ForAll @IntRange(min = 1, max = 80) int prefix) {
        String text = body.replace("<", "<|endoftext|>");
        DocumentSplitter d = DocumentSplitter.values()[mode];
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int to = Math.min(prefix, b.length);
        int cut = d.lastCut(b, 0, to);
        if (cut <= 0) return;
        String first = new String(b, 0, cut, StandardCharsets.UTF_8);
        String rest = new String(b, cut, b.length - cut, StandardCharsets.UTF_8);
        List<String> pieces = new ArrayList<>(d.split(first));
        pieces.addAll(d.split(rest));
        assertEquals(nonBlank(d.split(text)), nonBlank(pieces), "cut at " + cut + " of " + text);
    }

    private static List<List<String>> nonBlank(List<String> docs) {
        List<List<String>> out = new ArrayList<>();
        for (String s : docs) {
            List<String> t = new WhitespaceTokenizer().tokenize(s);
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }
}
