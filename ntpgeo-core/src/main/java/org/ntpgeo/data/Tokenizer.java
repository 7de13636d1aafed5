package org.ntpgeo.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one document into tokens. Implementations are pure and stateless after construction
 * (safe to share between threads), so the same rule runs in the local builder and in a distributed job.
 */
public interface Tokenizer {
    /** Short name recorded in dataset.json ("whitespace", "word", "char", "bpe"). */
    String name();

    /** Emit the tokens of the document {@code text[start, end)} in order. */
    void tokenize(char[] text, int start, int end, TokenSink sink);

    /** Convenience: the tokens of one document as strings. */
    default List<String> tokenize(String document) {
        List<String> out = new ArrayList<>();
        char[] c = document.toCharArray();
        tokenize(c, 0, c.length, (b, s, e) -> out.add(new String(b, s, e - s)));
        return out;
    }
}
