package org.ntpgeo.data;

import java.util.Arrays;

/**
 * The counts of one chunk of text (a sequence of whole documents): its tokens in order of first appearance with
 * their occurrence counts, and its windows (T token ids, local to the chunk) in order of first appearance with
 * their counts. {@link #count} is the pure per-chunk stage of the pipeline: split documents, tokenize, extract
 * windows, count. The chunk is first tokenized into one int array, then its windows are counted.
 */
public final class ChunkCounts {
    final TokenInterner tokens = new TokenInterner();
    TupleCounts windows;
    long documents;
    long tokenTotal;
    long windowTotal;
    int longestDocument;
    long bytes;

    private ChunkCounts() {}

    public static ChunkCounts count(char[] text, int start, int end, Tokenizer tokenizer, DocumentSplitter documents,
                                    Windows windowMode, int t) {
        ChunkCounts c = new ChunkCounts();
        // phase 1: token ids of all documents, back to back; docEnds marks where each document stops
        int[][] ids = {new int[Math.max(256, (end - start) / 4)]};
        int[] len = {0};
        int[][] docEnds = {new int[256]};
        int[] docs = {0};
        TokenInterner interner = c.tokens;
        TokenSink sink = (buf, s, e) -> {
            int id = interner.intern(buf, s, e);
            if (len[0] == ids[0].length) ids[0] = Arrays.copyOf(ids[0], len[0] * 2);
            ids[0][len[0]++] = id;
        };
        documents.split(text, start, end, (txt, s, e) -> {
            int before = len[0];
            tokenizer.tokenize(txt, s, e, sink);
            if (len[0] == before) return;
            if (docs[0] == docEnds[0].length) docEnds[0] = Arrays.copyOf(docEnds[0], docs[0] * 2);
            docEnds[0][docs[0]++] = len[0];
        });
        // phase 2: windows
        int[] a = ids[0];
        c.documents = docs[0];
        c.tokenTotal = len[0];
        GramTable w = new GramTable(Math.max(1, t));
        int from = 0;
        for (int d = 0; d < docs[0]; d++) {
            int to = docEnds[0][d];
            int n = t < 1 ? 0 : windowMode.count(to - from, t);
            c.longestDocument = Math.max(c.longestDocument, to - from);
            c.windowTotal += n;
            w.addWindows(a, from, n);
            from = to;
        }
        c.windows = w;
        return c;
    }

    public long documents() {
        return documents;
    }
}
