package org.ntpgeo.data;

/**
 * The service that applies a trained BPE model: it loads a HuggingFace {@code tokenizer.json} (as {@link
 * BpeTrainer.Model#toTokenizerJson()} writes it) and returns a thread-safe {@link Tokenizer} that encodes documents
 * with it. ntpgeo-core trains BPE models itself ({@link BpeTrainer}) but carries no encoder library; the module
 * ntpgeo-bpe provides one (HuggingFace tokenizers through DJL) through {@link java.util.ServiceLoader}, and the
 * command line and the Spark job put it on their class path. {@link Bpe} finds it.
 */
public interface BpeEncoderProvider {
    /** One line recorded in dataset.json, e.g. which library encodes. */
    String description();

    /** A tokenizer that encodes with the model {@code tokenizerJson}; tokens are the model's symbols. */
    Tokenizer load(String tokenizerJson);
}
