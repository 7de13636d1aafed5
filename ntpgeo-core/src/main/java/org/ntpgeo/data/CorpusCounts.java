package org.ntpgeo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
 * Chunks are merged with {@link #add} in text order, which keeps both orders global. A chunk brings only the
 * windows that its worker's counter met first in it, so that a window that recurs in many chunks costs one
 * lookup per worker, not one per chunk; {@link #finish} adds the counters' counts.
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
    /** Windows in order of first occurrence (their counts once {@link #finish} ran). */
    private GramTable windows;
    /** For each worker's window counter: the id in {@link #windows} of each of its windows. */
    private final Map<WindowCounter, int[]> windowIds = new IdentityHashMap<>();
    private int[] mappedKeys = new int[0], mappedHashes = new int[0], idScratch = new int[0];
    private boolean finished;
    private long documents;
    private long tokenTotal;
    private long windowTotal;
    private int longestDocument;

    public CorpusCounts(int contextLength) {
        this.contextLength = contextLength;
        Arrays.fill(finalOf, -1);
        this.windows = new GramTable(Math.max(1, contextLength));
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

    /**
     * Merge the next chunk (chunks must come in text order): number its new tokens, and add the windows its worker's
     * counter met first in it to the table, keyed by the final token ids (every token of those windows occurred in
     * this chunk or earlier, so its final id is known), with count 0; {@link #finish} adds the counters' counts.
     */
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
        addWindows(c);
        if (c.lastOfCounter && c.windows != null) addCounts(c.windows);
        documents += c.documents;
        tokenTotal += c.tokenTotal;
        windowTotal += c.windowTotal;
        longestDocument = Math.max(longestDocument, c.longestDocument);
    }

    private void addWindows(ChunkCounts c) {
        WindowCounter w = c.windows;
        int n = c.endWindow - c.firstWindow;
        if (w == null || n == 0) return;
        int t = Math.max(1, contextLength);
        if (windows.size() == 0 && n > 1024) windows = new GramTable(t, n * 2); // a size hint
        if (mappedKeys.length < n * t) {
            mappedKeys = new int[n * t + n * t / 2];
            mappedHashes = new int[mappedKeys.length / t];
        }
        int[] keys = c.windowKeys;
        int from = c.firstWindow * t;
        for (int k = 0; k < n * t; k++) mappedKeys[k] = finalOf[keys[from + k]];
        for (int g = 0; g < n; g++) mappedHashes[g] = GramTable.hash(mappedKeys, g * t, t);
        int[] table = windowIds.computeIfAbsent(w, x -> new int[Math.max(1024, c.endWindow)]);
        if (table.length < c.endWindow) windowIds.put(w, table = Arrays.copyOf(table, Math.max(c.endWindow, table.length * 2)));
        int[] ids = n <= idScratch.length ? idScratch : (idScratch = new int[n + n / 2]);
        windows.addAll(mappedKeys, 0, null, mappedHashes, n, ids);
        System.arraycopy(ids, 0, table, c.firstWindow, n);
    }

    /** Add the counts of counter {@code w}, whose windows are all in the table, and forget it. */
    private void addCounts(WindowCounter w) {
        int[] ids = windowIds.remove(w);
        if (ids == null) return;
        GramTable table = windows;
        w.forEachCount((id, count) -> table.addCount(ids[id], count));
    }

    /** Distinct tokens merged so far (for progress). */
    int distinctTokensSoFar() {
        return tokens.size();
    }

    /** After the last chunk: number tokens by first occurrence; add the counts of the workers' window counters. */
    void finish() {
        if (finished) return;
        finished = true;
        tokenCounts = new long[tokens.size()];
        for (int q = 0; q < finalOf.length; q++) {
            if (finalOf[q] >= 0) tokenCounts[finalOf[q]] = countOf[q];
        }
        for (WindowCounter w : new ArrayList<>(windowIds.keySet())) addCounts(w);
        mappedKeys = mappedHashes = idScratch = new int[0];
        windows.freeze(); // the assembly only reads the windows: their index would be a third of the table's memory
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
