package org.ntpgeo.spark;

/**
 * A global position in the corpus, as two longs compared lexicographically: {@code hi} = file index (upper 24
 * bits) and byte offset of the block that holds the document (lower 40 bits, files up to 1 TiB); {@code lo} =
 * character offset of the document within its decoded block (upper 32 bits) and index of the token within the
 * document (lower 32 bits). Blocks are cut at document boundaries, so this order is the text order of the
 * single-machine builder: files in the order given, then bytes, then tokens.
 */
public final class TextPosition {
    public static final long MAX_FILE_BYTES = 1L << 40;
    public static final int MAX_FILES = 1 << 23;

    private TextPosition() {}

    public static long hi(int fileIndex, long blockOffset) {
        return ((long) fileIndex << 40) | blockOffset;
    }

    public static long lo(int documentStart, int tokenIndex) {
        return ((long) documentStart << 32) | (tokenIndex & 0xFFFFFFFFL);
    }

    /** Negative, zero or positive as (hi1, lo1) is before, at or after (hi2, lo2). */
    public static int compare(long hi1, long lo1, long hi2, long lo2) {
        return hi1 != hi2 ? Long.compare(hi1, hi2) : Long.compare(lo1, lo2);
    }
}
