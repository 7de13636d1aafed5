package org.ntpgeo.data;

import org.ntpgeo.common.ProgressListener;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;

/**
 * {@code --tokenizer bpe}: a BPE model trained on the corpus with {@link BpeTrainer} and encoded by the
 * {@link BpeEncoderProvider} found on the class path (module ntpgeo-bpe). The model's tokenizer.json is saved in
 * the dataset directory.
 */
public final class Bpe {
    public static final String FILE = "tokenizer.json";

    private Bpe() {}

    /** Thrown when no BPE encoder is on the class path; callers that can use another tokenizer catch this type. */
    public static final class UnavailableError extends UserError {
        UnavailableError(String message) {
            super(message);
        }
    }

    /** The encoder service, or an {@link UnavailableError} when no module provides one. */
    public static BpeEncoderProvider provider() {
        Iterator<BpeEncoderProvider> it = ServiceLoader.load(BpeEncoderProvider.class, Bpe.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            throw new UnavailableError("the bpe tokenizer is not available: no BPE encoder on the class path "
                    + "(the module ntpgeo-bpe provides one)");
        }
        return it.next();
    }

    /** A tokenizer that encodes with a HuggingFace tokenizer.json given as text. */
    public static Tokenizer load(String tokenizerJson) {
        return provider().load(tokenizerJson);
    }

    /** Count the corpus's whitespace words, train {@code options.bpeVocab()} symbols, load the result. */
    public static Tokenizers.Prepared train(BuildOptions options, List<Path> corpus, ProgressListener progress) {
        BpeEncoderProvider encoder = provider();
        CorpusCounts words;
        try (Progress bar = progress.start("bpe words", CorpusCounter.totalBytes(corpus))) {
            words = new CorpusCounter(new WhitespaceTokenizer(), options.documents(), options.windows(), 0).count(corpus, bar).counts();
        }
        Map<String, Long> wc = new HashMap<>();
        String[] t = words.tokens();
        long[] c = words.tokenCounts();
        for (int i = 0; i < t.length; i++) wc.put(t[i], c[i]);
        return train(wc, options.bpeVocab(), encoder);
    }

    /** Train {@code vocab} symbols on whitespace-word counts (word -> occurrences) and load the result. */
    public static Tokenizers.Prepared train(Map<String, Long> wordCounts, int vocab) {
        return train(wordCounts, vocab, provider());
    }

    private static Tokenizers.Prepared train(Map<String, Long> wordCounts, int vocab, BpeEncoderProvider encoder) {
        BpeTrainer.Model model = BpeTrainer.train(wordCounts, vocab);
        String json = Json.toString(model.toTokenizerJson());
        Tokenizer tok = encoder.load(json);
        ObjectNode d = Json.object();
        d.put("name", "bpe");
        d.put("rule", "BPE trained on the corpus's whitespace words (ntpgeo BpeTrainer), encoded by " + encoder.description());
        d.put("requested_vocab", vocab);
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
