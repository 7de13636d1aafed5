package org.ntpgeo.spark;

import java.io.Serializable;

/**
 * The global token ids, as broadcast to the executors: the tokens in id order; each executor builds the lookup
 * table once, on first use, and shares it between its tasks.
 */
final class TokenIds implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] tokens;
    private transient volatile TokenTable table;

    TokenIds(String[] tokens) {
        this.tokens = tokens;
    }

    TokenTable table() {
        TokenTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) table = t = TokenTable.of(tokens);
            }
        }
        return t;
    }
}
