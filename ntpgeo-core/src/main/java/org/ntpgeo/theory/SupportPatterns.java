package org.ntpgeo.theory;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;

/**
 * Small synthetic NTP datasets for tests and benchmarks of the theory engine, in the terms the theory uses: random
 * supports, and the symmetric case of Prop. 2/5 (all C(V, k) supports). Both come from the one generator of the
 * library, {@link SyntheticDatasets}.
 */
public final class SupportPatterns {
    private SupportPatterns() {}

    /**
     * m contexts over V tokens, support sizes uniform in [kMin, kMax] (clipped to V), support tokens uniform without
     * replacement, counts uniform in [1, 4]. Reproducible from the seed.
     */
    public static NtpDataset random(int vocabSize, int contexts, int kMin, int kMax, long seed) {
        if (kMin < 1 || kMax < kMin) throw new IllegalArgumentException("need 1 <= kMin <= kMax");
        return SyntheticDatasets.randomDataset(SyntheticDatasets.RandomSpec.of(vocabSize, contexts)
                .withSupportSize(Math.min(kMin, vocabSize), Math.min(kMax, vocabSize)).withCounts(1, 4).withSeed(seed));
    }

    /** All C(V, k) supports of size k (1 <= k < V), in lexicographic order, counts uniform in [1, 4] (seeded). */
    public static NtpDataset allSubsets(int vocabSize, int k, long seed) {
        if (k < 1 || k >= vocabSize) throw new IllegalArgumentException("need 1 <= k < V");
        return SyntheticDatasets.symmetric(vocabSize, k, new SyntheticDatasets.Range(1, 4), seed).dataset();
    }
}
