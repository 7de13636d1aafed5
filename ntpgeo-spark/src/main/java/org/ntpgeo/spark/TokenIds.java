package org.ntpgeo.spark;

import java.io.Serializable;
import org.ntpgeo.data.TokenInterner;

/**
 * The global token ids, as broadcast to the executors: the tokens in id order; each executor builds the lookup
 * table once, on first use, and shares it between its tasks.
 */
final class TokenIds implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] tokens;
    private transient volatile TokenInterner table;

    TokenIds(String[] tokens) {
        this.tokens = tokens;
    }

    TokenInterner table() {
        TokenInterner t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) table = t = TokenInterner.of(tokens);
            }
        }
        return t;
    }
}
