package org.ntpgeo.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BpeTokenizer;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

/**
 * What an executor needs to use the driver's tokenizer. The rule-based tokenizers (whitespace, word, char) are
 * pure and stateless, so their name suffices. The trained bpe tokenizer travels as its HuggingFace
 * {@code tokenizer.json} (the file {@code data build} saves beside the dataset) and is loaded on each executor
 * with {@link BpeTokenizer#BpeTokenizer(String)}. Built once per deserialized spec and shared: tokenizers are
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
        try {
            Path dir = Files.createTempDirectory("ntpgeo-bpe");
            try {
                prepared.saveInto(dir);
                Path f = dir.resolve(BpeTokenizer.FILE);
                if (!Files.exists(f)) throw new UserError("the bpe tokenizer did not save " + BpeTokenizer.FILE + "; cannot send it to Spark executors");
                String json = Files.readString(f, StandardCharsets.UTF_8);
                Files.delete(f);
                return new TokenizerSpec(name, json);
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) tokenizer = bpeJson != null ? new BpeTokenizer(bpeJson) : Tokenizers.simple(name);
        return tokenizer;
    }
}
