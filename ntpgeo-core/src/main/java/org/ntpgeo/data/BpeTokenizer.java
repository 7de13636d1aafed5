package org.ntpgeo.data;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.common.Progress;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;

/**
 * {@code --tokenizer bpe}: a BPE model trained on the corpus with {@link BpeTrainer} and encoded by the
 * HuggingFace tokenizers library (DJL binding, runs offline). The model's tokenizer.json is saved in the dataset.
 */
public final class BpeTokenizer implements Tokenizer {
    public static final String FILE = "tokenizer.json";
    private final HuggingFaceTokenizer hf;

    /** Load a HuggingFace tokenizer.json given as text. */
    public BpeTokenizer(String tokenizerJson) {
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

    /** Count the corpus's whitespace words, train {@code options.bpeVocab()} symbols, load the result. */
    public static Tokenizers.Prepared train(BuildOptions options, List<Path> corpus, boolean progress) {
        CorpusCounts words;
        try (Progress bar = Progress.of("bpe words", CorpusCounter.totalBytes(corpus), progress)) {
            words = new CorpusCounter(new WhitespaceTokenizer(), options.documents(), options.windows(), 0).count(corpus, bar).counts();
        }
        Map<String, Long> wc = new HashMap<>();
        String[] t = words.tokens();
        long[] c = words.tokenCounts();
        for (int i = 0; i < t.length; i++) wc.put(t[i], c[i]);
        BpeTrainer.Model model = BpeTrainer.train(wc, options.bpeVocab());
        String json = Json.toString(model.toTokenizerJson());
        BpeTokenizer tok = new BpeTokenizer(json);
        ObjectNode d = Json.object();
        d.put("name", "bpe");
        d.put("rule", "BPE trained on the corpus's whitespace words (ntpgeo BpeTrainer), encoded by HuggingFace tokenizers (DJL)");
        d.put("requested_vocab", options.bpeVocab());
        d.put("vocab", model.vocab().size());
        d.put("merges", model.merges().size());
        d.put("model_file", FILE);
        return new Tokenizers.Prepared() {
            @Override
            public Tokenizer tokenizer() {
                return tok;
            }

            @Override
            public ObjectNode description() {
                return d;
            }

            @Override
            public String modelJson() {
                return json;
            }

            @Override
            public void saveInto(Path dir) {
                AtomicFiles.writeString(dir.resolve(FILE), json + "\n");
            }
        };
    }
}
