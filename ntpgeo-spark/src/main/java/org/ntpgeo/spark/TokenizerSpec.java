package org.ntpgeo.spark;

import java.io.Serializable;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

/**
 * What an executor needs to rebuild the driver's tokenizer: its name (the rule-based tokenizers are pure and
 * stateless). The tokenizer is built once per JVM and shared, as {@link Tokenizer}s are thread-safe.
 */
public final class TokenizerSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private transient Tokenizer tokenizer;

    public TokenizerSpec(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) tokenizer = Tokenizers.simple(name);
        return tokenizer;
    }
}
