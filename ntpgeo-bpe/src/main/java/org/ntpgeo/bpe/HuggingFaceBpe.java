package org.ntpgeo.bpe;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ntpgeo.data.BpeEncoderProvider;
import org.ntpgeo.data.TokenSink;
import org.ntpgeo.data.Tokenizer;

/**
 * The BPE encoder of ntpgeo: the HuggingFace tokenizers library (Rust, through the DJL binding, offline) loads the
 * tokenizer.json that {@link org.ntpgeo.data.BpeTrainer} writes and encodes documents with it. Registered as a
 * {@link BpeEncoderProvider} service (META-INF/services).
 */
public final class HuggingFaceBpe implements BpeEncoderProvider {
    @Override
    public String description() {
        return "HuggingFace tokenizers (DJL)";
    }

    @Override
    public Tokenizer load(String tokenizerJson) {
        return new Encoder(tokenizerJson);
    }

    /** A loaded model; the library's encoder is thread-safe. */
    static final class Encoder implements Tokenizer {
        private final HuggingFaceTokenizer hf;

        Encoder(String tokenizerJson) {
            try {
                hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
                        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "bpe";
        }

        @Override
        public void tokenize(char[] text, int start, int end, TokenSink sink) {
            String[] toks = hf.encode(new String(text, start, end - start), false, false).getTokens();
            for (String t : toks) {
                char[] c = t.toCharArray();
                sink.token(c, 0, c.length);
            }
        }
    }
}
