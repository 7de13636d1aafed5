package org.ntpgeo.spark;

import java.nio.CharBuffer;
import java.util.Arrays;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Tokenizer;

/**
 * Splits a decoded block into documents and tokenizes each document with the rules of {@code data build}
 * ({@link DocumentSplitter#split}, {@link Tokenizer#tokenize}); documents without tokens are skipped, as in the
 * single-machine builder.
 */
public final class DocumentTokens {
    /** Receives one document: its character offset in the block and its tokens {@code tokens[0, count)}. */
    @FunctionalInterface
    public interface Sink {
        void document(int start, String[] tokens, int count);
    }

    private DocumentTokens() {}

    public static void forEach(CharBuffer text, DocumentSplitter documents, Tokenizer tokenizer, Sink sink) {
        String[][] tokens = {new String[256]};
        int[] n = new int[1];
        documents.split(text.array(), 0, text.position(), (t, s, e) -> {
            n[0] = 0;
            tokenizer.tokenize(t, s, e, (b, ts, te) -> {
                if (n[0] == tokens[0].length) tokens[0] = Arrays.copyOf(tokens[0], n[0] * 2);
                tokens[0][n[0]++] = new String(b, ts, te - ts);
            });
            if (n[0] > 0) sink.document(s, tokens[0], n[0]);
        });
    }
}
