package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ntpgeo.common.UserError;

/** The fused byte path equals decode + split + tokenize + count, on text built from awkward pieces. */
class Utf8ScannerPropertyTest {
    static final List<String> PIECES = List.of("a", "b", "Z", "Ab", "the", "THE", "0", "42", " ", "  ", "\t", "\n", "\n", "\r\n",
            "\n\n", " \n", "\u00A0\n", ".", ",", "'", "\"", "<", "|", ">", "<|endoftext|>", "<|endof", "é", "É", "ß", "Σ", "ΟΔΟΣ",
            "İ", "ǅ", "\u00A0", "\u2003", "\u3000", "\u0085", "\u200B", "😀", "𝐀", "e\u0301", "中文", "€", "â€œHi", "\uFEFF",
            "\u000B", "\u001C", "\u2028", "\u0007",
            // around the 8-byte packed forms of the scanner: 7, 8, 9 and 16 ASCII bytes, mixed case, a digit run
            "abcdefg", "Abcdefgh", "ABCDEFGHI", "abcdefghijklmnop", "12345678", "stop!");

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(80);
    }

    static void assertSameCounts(ChunkCounts a, ChunkCounts b) {
        assertArrayEquals(a.tokens, b.tokens, "tokens");
        assertArrayEquals(a.tokenCounts, b.tokenCounts, "token counts");
        assertEquals(a.documents, b.documents, "documents");
        assertEquals(a.tokenTotal, b.tokenTotal, "token total");
        assertEquals(a.windowTotal, b.windowTotal, "window total");
        assertEquals(a.longestDocument, b.longestDocument, "longest document");
        assertEquals(a.windows.size(), b.windows.size(), "distinct windows");
        long[] ca = WindowCounterTest.countsById(a.windows), cb = WindowCounterTest.countsById(b.windows);
        for (int g = 0; g < a.windows.size(); g++) {
            assertEquals(ca[g], cb[g], "count of window " + g);
            for (int i = 0; i < a.windows.width(); i++) assertEquals(a.windows.key(g, i), b.windows.key(g, i), "window " + g);
        }
    }

    @Property(tries = 400)
    void bytePathEqualsCharPath(@ForAll("texts") List<String> pieces, @ForAll boolean word, @ForAll boolean bom,
                                @ForAll @IntRange(min = 0, max = 2) int docMode, @ForAll @IntRange(min = 2, max = 4) int t,
                                @ForAll boolean first) {
        String text = String.join("", pieces);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = body;
        if (bom) {
            bytes = new byte[body.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(body, 0, bytes, 3, body.length);
        }
        Tokenizer tok = Tokenizers.simple(word ? "word" : "whitespace");
        DocumentSplitter docs = DocumentSplitter.values()[docMode];
        Windows w = first ? Windows.FIRST : Windows.SLIDING;
        CharBuffer chars = CorpusText.decode("f", 0, bytes, bytes.length);
        ChunkCounts expected = ChunkCounts.count(chars.array(), 0, chars.position(), tok, docs, w, t, new CorpusCounts.TokenIds(), new WindowCounter(t, 16));
        ChunkCounts got = new Utf8Scanner(tok, docs).count("f", 0, bytes, bytes.length, w, t, new ChunkCounts.Scratch(), new CorpusCounts.TokenIds(), new WindowCounter(t, 16));
        assertSameCounts(expected, got);
    }

    @Provide
    Arbitrary<List<byte[]>> brokenPieces() {
        Arbitrary<byte[]> good = Arbitraries.of(PIECES).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xC1, (byte) 0xBF}, new byte[] {(byte) 0xE2, 0x41}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xF5, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
                new byte[] {(byte) 0xC3});
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, good), net.jqwik.api.Tuple.of(1, bad)).list().ofMaxSize(40);
    }

    @Property(tries = 400)
    void invalidUtf8IsReportedAtTheSameOffset(@ForAll("brokenPieces") List<byte[]> pieces, @ForAll boolean word,
                                              @ForAll @IntRange(min = 0, max = 2) int docMode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) out.writeBytes(p);
        byte[] bytes = out.toByteArray();
        Tokenizer tok = Tokenizers.simple(word ? "word" : "whitespace");
        DocumentSplitter docs = DocumentSplitter.values()[docMode];
        String expected = null;
        ChunkCounts reference = null;
        try {
            CharBuffer chars = CorpusText.decode("f", 1000, bytes, bytes.length);
            reference = ChunkCounts.count(chars.array(), 0, chars.position(), tok, docs, Windows.SLIDING, 3, new CorpusCounts.TokenIds(), new WindowCounter(3, 16));
        } catch (UserError e) {
            expected = e.getMessage();
        }
        try {
            ChunkCounts got = new Utf8Scanner(tok, docs).count("f", 1000, bytes, bytes.length, Windows.SLIDING, 3, new ChunkCounts.Scratch(), new CorpusCounts.TokenIds(), new WindowCounter(3, 16));
            assertNull(expected, "the byte path accepted what the decoder refused");
            assertSameCounts(reference, got);
        } catch (UserError e) {
            assertEquals(expected, e.getMessage());
        }
    }

    @Property(tries = 100)
    void nulIsBinaryInput(@ForAll("texts") @Size(min = 1) List<String> pieces, @ForAll @IntRange(min = 0, max = 1000) int at) {
        byte[] body = String.join("", pieces).getBytes(StandardCharsets.UTF_8);
        int pos = at % (body.length + 1);
        byte[] bytes = new byte[body.length + 1];
        System.arraycopy(body, 0, bytes, 0, pos);
        System.arraycopy(body, pos, bytes, pos + 1, body.length - pos);
        // a NUL inside a multi-byte sequence makes that sequence invalid first: keep only clean insertion points
        if (pos > 0 && pos < body.length && (body[pos] & 0xC0) == 0x80) return;
        UserError a = assertThrows(UserError.class, () -> CorpusText.decode("f", 0, bytes, bytes.length));
        UserError b = assertThrows(UserError.class, () -> new Utf8Scanner(Tokenizers.simple("word"), DocumentSplitter.LINE)
                .count("f", 0, bytes, bytes.length, Windows.SLIDING, 3, new ChunkCounts.Scratch(), new CorpusCounts.TokenIds(), new WindowCounter(3, 16)));
        assertEquals(a.getMessage(), b.getMessage());
    }
}
