package org.ntpgeo.reproduce;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.ntpgeo.data.NtpDataset;

/**
 * Gives a synthetic dataset (which has supports and counts but no input tokens) a distinct context sequence per
 * context, so that sequence models (transformer, LSTM, MLP) can be trained on it.
 *
 * <p>Rule (deterministic for a seed, documented in docs/REPRODUCTION.md): contexts j = 0, 1, ..., m-1 in order
 * each draw {@code width} tokens independently and uniformly from {@code 0..inputVocab-1} with one
 * {@link java.util.Random}{@code (seed)}; a sequence already used by an earlier context is redrawn. The input
 * vocabulary is separate from the V output rows (the neural models size their input embedding from the largest
 * id). Supports, counts and output vocabulary are unchanged.
 */
public final class SyntheticContexts {
    private SyntheticContexts() {}

    /** A copy of {@code ds} with {@code width} input tokens per context drawn from {@code inputVocab} ids. */
    public static NtpDataset attach(NtpDataset ds, int width, int inputVocab, long seed) {
        if (width < 1) throw new IllegalArgumentException("context width must be >= 1, got " + width);
        if (inputVocab < 2) throw new IllegalArgumentException("input vocabulary must have >= 2 tokens, got " + inputVocab);
        int m = ds.contextCount();
        if (Math.pow(inputVocab, width) < 2.0 * m) {
            throw new IllegalArgumentException(inputVocab + "^" + width + " sequences are too few for " + m + " distinct contexts");
        }
        Random r = new Random(seed);
        int[] flat = new int[m * width];
        Set<String> used = new HashSet<>();
        for (int j = 0; j < m; j++) {
            while (true) {
                StringBuilder key = new StringBuilder();
                for (int w = 0; w < width; w++) {
                    int t = r.nextInt(inputVocab);
                    flat[j * width + w] = t;
                    key.append(t).append(',');
                }
                if (used.add(key.toString())) break;
            }
        }
        return new NtpDataset(ds.vocabSize(), ds.colPtr(), ds.supportTokensFlat(), ds.countsFlat(), ds.vocab(), width, flat);
    }
}
