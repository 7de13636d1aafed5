package org.ntpgeo.data;

import java.util.Arrays;

/**
 * The counts of one chunk of text (a sequence of whole documents): its tokens in order of first appearance with
 * their occurrence counts, and its windows (T token ids, local to the chunk) in order of first appearance with
 * their counts. {@link #count} is the pure per-chunk stage of the pipeline: split documents, tokenize, extract
 * windows, count. The chunk is first tokenized into one int array, then its windows are counted.
 * {@link Utf8Scanner} makes the same counts straight from UTF-8 bytes for the word and whitespace tokenizers.
 */
public final class ChunkCounts {
    String[] tokens;
    long[] tokenCounts;
    WindowCounter windows;
    /** Provisional id of each local token once {@link #globalize} ran (the windows are then keyed by them). */
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

    public static ChunkCounts count(char[] text, int start, int end, Tokenizer tokenizer, DocumentSplitter documents,
                                    Windows windowMode, int t) {
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
        c.countWindows(s, windowMode, new WindowCounter(Math.max(1, t), 1024), t);
        return c;
    }

    /** Phase 2: the windows of every document of {@code s}, counted into the empty counter {@code w} (width T). */
    void countWindows(Scratch s, Windows windowMode, WindowCounter w, int t) {
        documents = s.docs;
        tokenTotal = s.tokens;
        int from = 0;
        for (int d = 0; d < s.docs; d++) {
            int to = s.docEnds[d];
            int n = t < 1 ? 0 : windowMode.count(to - from, t);
            longestDocument = Math.max(longestDocument, to - from);
            windowTotal += n;
            w.addWindows(s.ids, from, n);
            from = to;
        }
        w.finish();
        windows = w;
    }

    /**
     * Translate this chunk to the provisional token ids of {@code ids} (tokens and window keys, in place, with new
     * hashes), so that the merge on the main thread only adds windows. Runs on the worker that counted the chunk.
     */
    void globalize(CorpusCounts.TokenIds ids) {
        int[] p = new int[tokens.length];
        for (int id = 0; id < p.length; id++) p[id] = ids.idOf(tokens[id]);
        windows.rekey(p);
        provisional = p;
    }

    public long documents() {
        return documents;
    }
}
