package org.ntpgeo.spark;

import java.io.Serializable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.Bpe;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

/**
 * What an executor needs to use the driver's tokenizer. The rule-based tokenizers (whitespace, word, char) are
 * pure and stateless, so their name suffices. The trained bpe tokenizer travels as its HuggingFace
 * {@code tokenizer.json} (the file {@code data build} saves beside the dataset) and is loaded on each executor
 * with {@link Bpe#load(String)} (the ntpgeo-bpe encoder service). Built once per deserialized spec and shared: tokenizers are
 * thread-safe.
 */
public final class TokenizerSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String bpeJson;
    private transient Tokenizer tokenizer;

    private TokenizerSpec(String name, String bpeJson) {
        this.name = name;
        this.bpeJson = bpeJson;
    }

    /** The spec for the driver's prepared tokenizer. */
    public static TokenizerSpec of(String name, Tokenizers.Prepared prepared) {
        if (!"bpe".equals(name)) return new TokenizerSpec(name, null);
        String json = prepared.modelJson();
        if (json == null) throw new UserError("the bpe tokenizer has no model; cannot send it to Spark executors");
        return new TokenizerSpec(name, json);
    }

    public String name() {
        return name;
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) tokenizer = bpeJson != null ? Bpe.load(bpeJson) : Tokenizers.simple(name);
        return tokenizer;
    }
}
