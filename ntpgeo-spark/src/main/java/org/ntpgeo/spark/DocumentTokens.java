package org.ntpgeo.spark;

import java.nio.CharBuffer;
import java.util.Arrays;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Tokenizer;

/**
 * Splits a decoded block into documents and tokenizes each document with the rules of {@code data build}
 * ({@link DocumentSplitter#split}, {@link Tokenizer#tokenize}), mapping every token to an id as it comes (no
 * String per token); documents without tokens are skipped, as in the single-machine builder.
 */
final class DocumentTokens {
    /** Maps a token, given as a character range valid only during the call, to an id. */
    @FunctionalInterface
    interface Ids {
        int id(char[] buf, int start, int end);
    }

    /** Receives one document: its character offset in the block and its token ids {@code ids[0, count)}. */
    @FunctionalInterface
    interface Sink {
        void document(int start, int[] ids, int count);
    }

    private DocumentTokens() {}

    static void forEach(CharBuffer text, DocumentSplitter documents, Tokenizer tokenizer, Ids ids, Sink sink) {
        int[][] buf = {new int[256]};
        int[] n = new int[1];
        documents.split(text.array(), 0, text.position(), (t, s, e) -> {
            n[0] = 0;
            tokenizer.tokenize(t, s, e, (b, ts, te) -> {
                if (n[0] == buf[0].length) buf[0] = Arrays.copyOf(buf[0], n[0] * 2);
                buf[0][n[0]++] = ids.id(b, ts, te);
            });
            if (n[0] > 0) sink.document(s, buf[0], n[0]);
        });
    }
}
