package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The tokenizers equal independent regular-expression implementations of their documented rules. */
class TokenizerPropertyTest {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|[^\\p{L}\\p{M}\\p{N}\\p{IsWhite_Space}]");
    private static final Pattern NON_SPACE = Pattern.compile("\\P{IsWhite_Space}+");

    static List<String> all(Pattern p, String s, boolean lower) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            String t = m.group();
            out.add(lower && t.matches("[\\p{L}\\p{M}\\p{N}]+") ? t.toLowerCase(Locale.ROOT) : t);
        }
        return out;
    }

    @Property(tries = 500)
    void wordAndWhitespaceMatchTheirRegex(@ForAll @StringLength(max = 40) @Chars({'a', 'Z', 'É', 'ß', '3', '½', '\u0301', ' ', '\t', '\u00A0',
            '\u3000', '\u001F', '.', ',', '\'', '€', '\u200B', '\n', 'İ', 'Σ', '\uD83D', '\uDE00'}) String s) {
        String text = s.replaceAll("\uD83D(?!\uDE00)", "").replaceAll("(?<!\uD83D)\uDE00", ""); // well-formed UTF-16 only
        assertEquals(all(NON_SPACE, text, false), new WhitespaceTokenizer().tokenize(text));
        assertEquals(all(WORD, text, true), new WordTokenizer().tokenize(text));
    }
}
