package org.ntpgeo.data;

import java.util.Arrays;

/**
 * The counts of one chunk of text (a sequence of whole documents): its tokens in order of first appearance with
 * their occurrence counts and provisional ids ({@link CorpusCounts.TokenIds}), and where its windows went. The
 * chunk is first tokenized into one int array of local token ids ({@link #count} for any tokenizer;
 * {@link Utf8Scanner} straight from UTF-8 bytes for the word and whitespace tokenizers), which {@link #finish}
 * translates to provisional ids before counting the windows into a {@link WindowCounter} that the counting worker
 * keeps for all its chunks: the windows that counter met first in this chunk have the ids
 * {@code [firstWindow, endWindow)} of it. This keeps the merge cheap: a window that recurs in many chunks is
 * merged once per worker, not once per chunk.
 */
public final class ChunkCounts {
    String[] tokens;
    long[] tokenCounts;
    /** The counter that holds this chunk's windows (shared with the other chunks of its worker). */
    WindowCounter windows;
    /** The ids of {@link #windows} that this chunk added: the windows first met in it, in order of appearance. */
    int firstWindow, endWindow;
    /** {@link WindowCounter#keysById} of {@link #windows} when this chunk was done: it holds the ids below endWindow. */
    int[] windowKeys;
    /** True when no later chunk counts into {@link #windows}: the merge adds its counts after this chunk. */
    boolean lastOfCounter;
    /** Provisional id of each local token (the windows are keyed by them). */
    int[] provisional;
    long documents;
    long tokenTotal;
    long windowTotal;
    int longestDocument;
    long bytes;

    ChunkCounts() {}

    /** Token ids of the documents back to back ({@code ids[0, docEnds[docs-1])}), and where each document ends. */
    static final class Scratch {
        int[] ids;
        int tokens;
        int[] docEnds = new int[1 << 10];
        int docs;

        Scratch() {
            this(1 << 16);
        }

        /** Room for {@code expectedTokens} token ids before the first growth. */
        Scratch(int expectedTokens) {
            ids = new int[Math.max(1024, expectedTokens)];
        }

        void add(int id) {
            if (tokens == ids.length) grow();
            ids[tokens++] = id;
        }

        /** Double {@link #ids} (full: {@code tokens == ids.length}); returns the new array. */
        int[] grow() {
            return ids = Arrays.copyOf(ids, ids.length * 2);
        }

        /** End the current document (documents without tokens are not recorded). */
        void endDocument() {
            int from = docs == 0 ? 0 : docEnds[docs - 1];
            if (tokens == from) return;
            if (docs == docEnds.length) docEnds = Arrays.copyOf(docEnds, docs * 2);
            docEnds[docs++] = tokens;
        }

        void reset() {
            tokens = 0;
            docs = 0;
        }
    }

    /**
     * The counts of {@code text[start, end)} with any tokenizer: windows keyed by the provisional ids of {@code ids},
     * counted into {@code w} (width T).
     */
    public static ChunkCounts count(char[] text, int start, int end, Tokenizer tokenizer, DocumentSplitter documents,
                                    Windows windowMode, int t, CorpusCounts.TokenIds ids, WindowCounter w) {
        // phase 1: token ids of all documents, back to back
        Scratch s = new Scratch();
        TokenInterner interner = new TokenInterner();
        TokenSink sink = (buf, from, to) -> s.add(interner.intern(buf, from, to));
        documents.split(text, start, end, (txt, from, to) -> {
            tokenizer.tokenize(txt, from, to, sink);
            s.endDocument();
        });
        ChunkCounts c = new ChunkCounts();
        c.tokens = interner.tokens();
        c.tokenCounts = interner.counts();
        c.finish(s, windowMode, t, ids, w);
        return c;
    }

    /**
     * Phase 2, once {@link #tokens} and the local ids in {@code s} are known: give the tokens their provisional ids
     * (thread-safe), translate {@code s} to them, and count the windows of every document into {@code w}.
     */
    void finish(Scratch s, Windows windowMode, int t, CorpusCounts.TokenIds ids, WindowCounter w) {
        int[] p = new int[tokens.length];
        for (int id = 0; id < p.length; id++) p[id] = ids.idOf(tokens[id]);
        provisional = p;
        int[] a = s.ids;
        for (int i = 0, n = s.tokens; i < n; i++) a[i] = p[a[i]];
        documents = s.docs;
        tokenTotal = s.tokens;
        windows = w;
        firstWindow = w.size();
        int from = 0;
        for (int d = 0; d < s.docs; d++) {
            int to = s.docEnds[d];
            int n = t < 1 ? 0 : windowMode.count(to - from, t);
            longestDocument = Math.max(longestDocument, to - from);
            windowTotal += n;
            w.addWindows(a, from, n);
            from = to;
        }
        endWindow = w.size();
        windowKeys = w.keysById();
    }

    public long documents() {
        return documents;
    }
}
