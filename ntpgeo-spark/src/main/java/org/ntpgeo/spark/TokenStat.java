package org.ntpgeo.spark;

import java.io.Serializable;

/**
 * The reduce value of the vocabulary pass. For a token: its occurrences and the position of its first
 * occurrence. The corpus totals travel in the same reduce under the key {@link #TOTALS} (NUL cannot occur in a
 * token: NUL bytes are rejected as binary input): documents with tokens, tokens (in {@code count}), windows
 * and the longest document.
 */
public final class TokenStat implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String TOTALS = "\u0000totals";

    public long count;
    public long hi = Long.MAX_VALUE;
    public long lo = Long.MAX_VALUE;
    public long documents;
    public long windows;
    public long longest;

    public static TokenStat merge(TokenStat a, TokenStat b) {
        TokenStat r = new TokenStat();
        r.count = a.count + b.count;
        if (TextPosition.compare(a.hi, a.lo, b.hi, b.lo) <= 0) {
            r.hi = a.hi;
            r.lo = a.lo;
        } else {
            r.hi = b.hi;
            r.lo = b.lo;
        }
        r.documents = a.documents + b.documents;
        r.windows = a.windows + b.windows;
        r.longest = Math.max(a.longest, b.longest);
        return r;
    }
}
