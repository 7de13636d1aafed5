package org.ntpgeo.data;

import java.util.Locale;

/**
 * The "word" rule: Unicode White_Space separates; a word is a maximal run of code points whose general category
 * is a letter (L*), a mark (M*) or a number (N*), lowercased with {@code String.toLowerCase(Locale.ROOT)}; every
 * other code point (punctuation, symbols, controls...) is a token of its own. {@code "Don't stop!"} gives
 * {@code don ' t stop !}.
 */
public final class WordTokenizer implements Tokenizer {
    /** 0 = separator, 1 = word character, 2 = single-character token, for ASCII. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = UnicodeWhitespace.is((char) c) ? 0 : isWordCodePoint(c) ? (byte) 1 : 2;
        }
    }

    @Override
    public String name() {
        return "word";
    }

    /** True for code points in the categories L*, M* and N*. */
    public static boolean isWordCodePoint(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static int kind(char[] text, int i, int end) {
        char c = text[i];
        if (c < 128) return ASCII[c];
        if (UnicodeWhitespace.is(c)) return 0;
        int cp = Character.isHighSurrogate(c) && i + 1 < end ? Character.codePointAt(text, i, end) : c;
        return isWordCodePoint(cp) ? 1 : 2;
    }

    @Override
    public void tokenize(char[] text, int start, int end, TokenSink sink) {
        char[] lower = new char[64];
        int i = start;
        while (i < end) {
            int k = kind(text, i, end);
            if (k == 0) {
                i++;
                continue;
            }
            int w = Character.isHighSurrogate(text[i]) && i + 1 < end && Character.isLowSurrogate(text[i + 1]) ? 2 : 1;
            if (k == 2) {
                sink.token(text, i, i + w);
                i += w;
                continue;
            }
            int s = i;
            boolean ascii = true;
            while (i < end) {
                char c = text[i];
                if (c < 128) {
                    if (ASCII[c] != 1) break;
                    i++;
                } else {
                    if (kind(text, i, end) != 1) break;
                    ascii = false;
                    i += Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1]) ? 2 : 1;
                }
            }
            if (ascii) {
                int len = i - s;
                if (lower.length < len) lower = new char[Math.max(len, lower.length * 2)];
                for (int p = 0; p < len; p++) {
                    char c = text[s + p];
                    lower[p] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                }
                sink.token(lower, 0, len);
            } else {
                char[] l = new String(text, s, i - s).toLowerCase(Locale.ROOT).toCharArray();
                sink.token(l, 0, l.length);
            }
        }
    }
}
