package org.ntpgeo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The counts of a whole corpus, the hand-off point between counting and {@link ContextAssembler}:
 * <ul>
 *   <li>the distinct tokens in order of first occurrence in the text (files in the order given), with the
 *       number of times each occurs (in all documents, including those shorter than T);</li>
 *   <li>the distinct windows (T token ids) in order of first occurrence (by the window's start position),
 *       with their counts.</li>
 * </ul>
 * Chunks are merged with {@link #add} in text order, which keeps both orders global: the tokens at once, the
 * windows at {@link #finish}, from the window counters of the workers, chunk by chunk in text order (each chunk
 * names the windows its counter met first in it), so that a window that recurs in many chunks costs one lookup
 * per counter, not one per chunk.
 */
public final class CorpusCounts {
    private final int contextLength;
    /** Token -> provisional id: numbered in whatever order workers meet tokens, shared with them. */
    private final TokenIds ids = new TokenIds();
    /** Provisional id -> final id (first occurrence in text order), -1 until seen in a merged chunk. */
    private int[] finalOf = new int[1024];
    private long[] countOf = new long[1024];
    private final List<String> tokens = new ArrayList<>();
    private long[] tokenCounts;
    /** Windows in order of first occurrence, once {@link #finish} ran. */
    private GramTable windows;
    /** The merged chunks, in text order, whose windows {@link #finish} adds. */
    private final List<ChunkCounts> chunks = new ArrayList<>();
    private boolean finished;
    private long documents;
    private long tokenTotal;
    private long windowTotal;
    private int longestDocument;

    public CorpusCounts(int contextLength) {
        this.contextLength = contextLength;
        Arrays.fill(finalOf, -1);
    }

    /**
     * Token strings to provisional ids, safe from any thread: workers translate their chunk with it (in parallel),
     * so that the windows of all chunks are keyed by the same ids.
     */
    static final class TokenIds {
        private final java.util.concurrent.ConcurrentHashMap<String, Integer> ids = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        int idOf(String token) {
            Integer id = ids.get(token);
            return id != null ? id : ids.computeIfAbsent(token, t -> next.getAndIncrement());
        }
    }

    /** For workers: translate chunk {@code c} to provisional ids (see {@link ChunkCounts#globalize}). */
    TokenIds tokenIds() {
        return ids;
    }

    /** Merge the next chunk (chunks must come in text order); its windows are merged by {@link #finish}. */
    public void add(ChunkCounts c) {
        if (finished) throw new IllegalStateException("counts already finished");
        int[] p = c.provisional;
        for (int id = 0; id < p.length; id++) { // local ids follow first appearance in the chunk
            int q = p[id];
            if (q >= finalOf.length) {
                int n = Math.max(q + 1, finalOf.length * 2);
                int old = finalOf.length;
                finalOf = Arrays.copyOf(finalOf, n);
                Arrays.fill(finalOf, old, n, -1);
                countOf = Arrays.copyOf(countOf, n);
            }
            if (finalOf[q] < 0) {
                finalOf[q] = tokens.size();
                tokens.add(c.tokens[id]);
            }
            countOf[q] += c.tokenCounts[id];
        }
        chunks.add(c);
        documents += c.documents;
        tokenTotal += c.tokenTotal;
        windowTotal += c.windowTotal;
        longestDocument = Math.max(longestDocument, c.longestDocument);
    }

    /** Distinct tokens merged so far (for progress). */
    int distinctTokensSoFar() {
        return tokens.size();
    }

    /**
     * After the last chunk: number tokens by first occurrence, then add the windows of the chunks in text order,
     * keyed by those ids, into one table.
     */
    void finish() {
        if (finished) return;
        finished = true;
        tokenCounts = new long[tokens.size()];
        int[] map = new int[Math.max(1, finalOf.length)];
        for (int q = 0; q < finalOf.length; q++) {
            map[q] = finalOf[q];
            if (finalOf[q] >= 0) tokenCounts[finalOf[q]] = countOf[q];
        }
        int t = Math.max(1, contextLength);
        int total = 0;
        for (ChunkCounts c : chunks) total += c.endWindow - c.firstWindow;
        windows = new GramTable(t, Math.max(16, total));
        int[] mapped = new int[0];
        int[] hashes = new int[0];
        long[] counts = new long[0];
        for (ChunkCounts c : chunks) {
            WindowCounter w = c.windows;
            if (w == null) continue;
            w.finish();
            int n = c.endWindow - c.firstWindow;
            if (hashes.length < n) {
                mapped = new int[n * t];
                hashes = new int[n];
                counts = new long[n];
            }
            for (int g = 0; g < n; g++) {
                int id = c.firstWindow + g;
                for (int i = 0; i < t; i++) mapped[g * t + i] = map[w.key(id, i)];
                hashes[g] = GramTable.hash(mapped, g * t, t);
                // the counter's count over all chunks of its worker: added once, at the chunk where it met the window first
                counts[g] = w.count(id);
            }
            windows.addAll(mapped, counts, hashes, n);
        }
        chunks.clear();
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
        cc.finished = true;
        cc.windows = new GramTable(Math.max(1, t));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < tokens.length; i++) {
            if (!seen.add(tokens[i])) throw new IllegalArgumentException("duplicate token " + tokens[i]);
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
        cc.add(ChunkCounts.count(c, 0, c.length, sep, DocumentSplitter.LINE, mode, t, cc.ids, new WindowCounter(Math.max(1, t), 1024)));
        cc.finish();
        return cc;
    }

    public int contextLength() {
        return contextLength;
    }

    /** Distinct tokens in order of first occurrence. */
    public String[] tokens() {
        finish();
        return tokens.toArray(new String[0]);
    }

    /** Occurrences of each token (same order as {@link #tokens()}). */
    public long[] tokenCounts() {
        finish();
        return tokenCounts.clone();
    }

    /** Distinct windows (width T) in order of first occurrence; do not modify. */
    public GramTable windows() {
        finish();
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
