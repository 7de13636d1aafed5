package org.ntpgeo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a whole corpus, the hand-off point between counting and {@link ContextAssembler}:
 * <ul>
 *   <li>the distinct tokens in order of first occurrence in the text (files in the order given), with the
 *       number of times each occurs (in all documents, including those shorter than T);</li>
 *   <li>the distinct windows (T token ids) in order of first occurrence (by the window's start position),
 *       with their counts.</li>
 * </ul>
 * Chunks are merged with {@link #add} in text order, which keeps both orders global.
 */
public final class CorpusCounts {
    private final int contextLength;
    private final Map<String, Integer> tokenIds = new HashMap<>();
    private final List<String> tokens = new ArrayList<>();
    private long[] tokenCounts = new long[1024];
    private GramTable windows;
    private long documents;
    private long tokenTotal;
    private long windowTotal;
    private int longestDocument;

    public CorpusCounts(int contextLength) {
        this.contextLength = contextLength;
        this.windows = new GramTable(Math.max(1, contextLength));
    }

    /** Merge the next chunk (chunks must come in text order). */
    public void add(ChunkCounts c) {
        int n = c.tokens.length;
        int[] remap = new int[n];
        for (int id = 0; id < n; id++) {
            String s = c.tokens[id];
            Integer g = tokenIds.get(s);
            if (g == null) {
                g = tokens.size();
                tokenIds.put(s, g);
                tokens.add(s);
                if (g == tokenCounts.length) tokenCounts = Arrays.copyOf(tokenCounts, g * 2);
            }
            remap[id] = g;
            tokenCounts[g] += c.tokenCounts[id];
        }
        int[] key = new int[contextLength];
        TupleCounts w = c.windows;
        if (windows.size() == 0 && w.size() > 1024) windows = new GramTable(Math.max(1, contextLength), w.size() * 2); // a size hint
        for (int id = 0; id < w.size(); id++) {
            for (int i = 0; i < contextLength; i++) key[i] = remap[w.key(id, i)];
            windows.add(key, 0, w.count(id));
        }
        documents += c.documents;
        tokenTotal += c.tokenTotal;
        windowTotal += c.windowTotal;
        longestDocument = Math.max(longestDocument, c.longestDocument);
    }

    /**
     * Build from counts computed elsewhere (e.g. a distributed job): {@code tokens} in order of first occurrence
     * with their occurrence counts; {@code windowKeys} row-major [distinct windows x T] input ids, in order of
     * first occurrence, with {@code windowCounts}; and the corpus statistics.
     */
    public static CorpusCounts of(String[] tokens, long[] tokenCounts, int t, int[] windowKeys, long[] windowCounts,
                                  long documents, long tokenTotal, long windowTotal, int longestDocument) {
        if (tokens.length != tokenCounts.length || windowKeys.length != (long) windowCounts.length * t) {
            throw new IllegalArgumentException("inconsistent array lengths");
        }
        CorpusCounts cc = new CorpusCounts(t);
        for (int i = 0; i < tokens.length; i++) {
            if (cc.tokenIds.putIfAbsent(tokens[i], i) != null) throw new IllegalArgumentException("duplicate token " + tokens[i]);
            cc.tokens.add(tokens[i]);
        }
        cc.tokenCounts = tokenCounts.clone();
        for (int g = 0; g < windowCounts.length; g++) {
            for (int i = 0; i < t; i++) {
                int id = windowKeys[g * t + i];
                if (id < 0 || id >= tokens.length) throw new IllegalArgumentException("window token id out of range: " + id);
            }
            if (cc.windows.add(windowKeys, g * t, windowCounts[g]) != g) throw new IllegalArgumentException("duplicate window " + g);
        }
        cc.documents = documents;
        cc.tokenTotal = tokenTotal;
        cc.windowTotal = windowTotal;
        cc.longestDocument = longestDocument;
        return cc;
    }

    /** Build directly from token strings of documents (tests, small inputs, other front ends). */
    public static CorpusCounts ofDocuments(List<List<String>> documents, Windows mode, int t) {
        CorpusCounts cc = new CorpusCounts(t);
        StringBuilder text = new StringBuilder();
        for (List<String> d : documents) {
            for (String tok : d) {
                if (tok.indexOf('\u0001') >= 0 || tok.indexOf('\n') >= 0) throw new IllegalArgumentException("token with a separator");
                text.append(tok).append('\u0001');
            }
            text.append('\n');
        }
        char[] c = text.toString().toCharArray();
        Tokenizer sep = new Tokenizer() {
            @Override
            public String name() {
                return "given";
            }

            @Override
            public void tokenize(char[] x, int start, int end, TokenSink sink) {
                int s = start;
                for (int i = start; i < end; i++) {
                    if (x[i] == '\u0001') {
                        sink.token(x, s, i);
                        s = i + 1;
                    }
                }
            }
        };
        cc.add(ChunkCounts.count(c, 0, c.length, sep, DocumentSplitter.LINE, mode, t));
        return cc;
    }

    public int contextLength() {
        return contextLength;
    }

    /** Distinct tokens in order of first occurrence. */
    public String[] tokens() {
        return tokens.toArray(new String[0]);
    }

    /** Occurrences of each token (same order as {@link #tokens()}). */
    public long[] tokenCounts() {
        return Arrays.copyOf(tokenCounts, tokens.size());
    }

    /** Distinct windows (width T) in order of first occurrence; do not modify. */
    public GramTable windows() {
        return windows;
    }

    /** Documents with at least one token. */
    public long documents() {
        return documents;
    }

    public long tokenTotal() {
        return tokenTotal;
    }

    /** Windows before any filter (n of the unfiltered dataset). */
    public long windowTotal() {
        return windowTotal;
    }

    /** Tokens of the longest document. */
    public int longestDocument() {
        return longestDocument;
    }
}
