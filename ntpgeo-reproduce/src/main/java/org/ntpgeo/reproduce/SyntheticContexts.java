package org.ntpgeo.reproduce;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;

/**
 * Gives a synthetic dataset (which has supports and counts but no input tokens) a distinct context sequence per
 * context, so that sequence models (transformer, LSTM, MLP) can be trained on it: the rule of
 * {@link SyntheticDatasets#withContextTokens} (documented in docs/DATA.md and docs/REPRODUCTION.md).
 */
public final class SyntheticContexts {
    private SyntheticContexts() {}

    /** A copy of {@code ds} with {@code width} input tokens per context drawn from {@code inputVocab} ids. */
    public static NtpDataset attach(NtpDataset ds, int width, int inputVocab, long seed) {
        return SyntheticDatasets.withContextTokens(ds, width, inputVocab, seed);
    }
}
