package org.ntpgeo.data;

import java.util.Arrays;

/**
 * The counts of one chunk of text (a sequence of whole documents): its tokens in order of first appearance with
 * their occurrence counts, and its windows (T token ids, local to the chunk) in order of first appearance with
 * their counts. {@link #count} is the pure per-chunk stage of the pipeline: split documents, tokenize, extract
 * windows, count.
 */
public final class ChunkCounts {
    final TokenInterner tokens;
    final GramTable windows;
    long documents;
    long tokenTotal;
    long windowTotal;
    int longestDocument;
    long bytes;

    private ChunkCounts(int t) {
        tokens = new TokenInterner();
        windows = new GramTable(t);
    }

    public static ChunkCounts count(char[] text, int start, int end, Tokenizer tokenizer, DocumentSplitter documents,
                                    Windows windowMode, int t) {
        ChunkCounts c = new ChunkCounts(t);
        int[][] ids = {new int[256]};
        int[] len = new int[1];
        TokenSink sink = (buf, s, e) -> {
            int id = c.tokens.intern(buf, s, e);
            if (len[0] == ids[0].length) ids[0] = Arrays.copyOf(ids[0], len[0] * 2);
            ids[0][len[0]++] = id;
        };
        documents.split(text, start, end, (txt, s, e) -> {
            len[0] = 0;
            tokenizer.tokenize(txt, s, e, sink);
            if (len[0] == 0) return;
            c.documents++;
            c.tokenTotal += len[0];
            c.longestDocument = Math.max(c.longestDocument, len[0]);
            c.windowTotal += windowMode.count(len[0], t);
            int nw = windowMode.count(len[0], t);
            int[] a = ids[0];
            GramTable w = c.windows;
            for (int i = 0; i < nw; i++) w.add(a, i, 1);
        });
        return c;
    }

    public long documents() {
        return documents;
    }
}
