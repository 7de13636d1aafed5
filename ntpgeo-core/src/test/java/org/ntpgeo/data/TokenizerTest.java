package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void whitespaceSplitsOnUnicodeWhiteSpaceOnly() {
        Tokenizer t = new WhitespaceTokenizer();
        assertEquals(List.of("Hello,", "World!", "a\u200Bb", "c", "d", "e", "f"),
                t.tokenize("  Hello,\tWorld!\u00A0 a\u200Bb\u3000c\u2003d\u0085e\u000Bf\r"));
        assertEquals(List.of(), t.tokenize(" \t\u2028 "));
        // U+001C..U+001F are Java whitespace but not Unicode White_Space
        assertEquals(List.of("x\u001Cy"), t.tokenize("x\u001Cy"));
    }

    @Test
    void wordLowercasesAndSplitsPunctuation() {
        Tokenizer t = new WordTokenizer();
        assertEquals(List.of("don", "'", "t", "stop", "!", "lily", "'", "s", "3", "cats", "."),
                t.tokenize("Don't STOP! Lily's 3 cats."));
        assertEquals(List.of("héllo", ",", "straße", "ÿ", "abc123", "\"", "naïve", "\""),
                t.tokenize("HÉLLO, STRAßE Ÿ ABC123 \"NAÏVE\""));
        // mis-encoded quote as in TinyStories: letter, symbol, letter
        assertEquals(List.of("â", "€", "œhi"), t.tokenize("â€œHi")); // letter, symbol, then letters run on
        // a combining mark stays in its word; an emoji (surrogate pair) is one token
        assertEquals(List.of("e\u0301t\u00E9", "\uD83D\uDE00", "ok"), t.tokenize("E\u0301t\u00C9\uD83D\uDE00ok"));
    }

    @Test
    void charKeepsEveryCodePointButCarriageReturn() {
        Tokenizer t = new CharTokenizer();
        assertEquals(List.of("a", " ", "b", "\n", "\uD83D\uDE00", "c"), t.tokenize("a b\r\n\uD83D\uDE00c"));
    }

    @Test
    void unicodeWhitespaceMatchesThePropertyList() {
        int count = 0;
        for (int c = 0; c <= 0xFFFF; c++) if (UnicodeWhitespace.is((char) c)) count++;
        assertEquals(25, count); // PropList.txt White_Space: 25 code points
        assertTrue(UnicodeWhitespace.is('\u00A0'));
        assertFalse(UnicodeWhitespace.is('\u200B'));
        assertFalse(UnicodeWhitespace.is('\u001F'));
    }
}
