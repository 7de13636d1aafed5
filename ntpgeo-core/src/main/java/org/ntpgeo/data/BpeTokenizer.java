package org.ntpgeo.data;

import java.nio.file.Path;
import java.util.List;
import org.ntpgeo.common.UserError;

/** Byte-pair encoding: trained on the corpus, encoded with the HuggingFace tokenizers library. */
public final class BpeTokenizer {
    private BpeTokenizer() {}

    public static Tokenizers.Prepared train(BuildOptions options, List<Path> corpus, boolean progress) {
        throw new UserError("--tokenizer bpe is not available yet");
    }
}
