package org.ntpgeo.spark;

import java.io.Serializable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

/**
 * What an executor needs to use the driver's tokenizer. The rule-based tokenizers (whitespace, word, char) are
 * pure and stateless, so their name suffices. A trained tokenizer (bpe) travels as the driver's instance, which
 * must therefore be {@link Serializable} (docs/SPARK.md). Built once per deserialized spec and shared: tokenizers
 * are thread-safe.
 */
public final class TokenizerSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Tokenizer shipped;
    private transient Tokenizer tokenizer;

    private TokenizerSpec(String name, Tokenizer shipped) {
        this.name = name;
        this.shipped = shipped;
    }

    /** The spec for the driver's prepared tokenizer. */
    public static TokenizerSpec of(String name, Tokenizers.Prepared prepared) {
        if (!"bpe".equals(name)) return new TokenizerSpec(name, null);
        if (prepared.tokenizer() instanceof Serializable) return new TokenizerSpec(name, prepared.tokenizer());
        throw new UserError("the " + name + " tokenizer of this build cannot be sent to Spark executors (it is not Serializable)");
    }

    public String name() {
        return name;
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) tokenizer = shipped != null ? shipped : Tokenizers.simple(name);
        return tokenizer;
    }
}
