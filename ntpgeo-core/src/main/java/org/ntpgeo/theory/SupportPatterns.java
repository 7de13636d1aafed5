package org.ntpgeo.theory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ntpgeo.data.NtpDataset;

/**
 * Small synthetic NTP datasets for tests and benchmarks of the theory engine: random supports, and the symmetric
 * case of Prop. 2/5 (all C(V, k) supports).
 */
public final class SupportPatterns {
    private SupportPatterns() {}

    /**
     * m contexts over V tokens, support sizes uniform in [kMin, kMax] (clipped to V), support tokens uniform without
     * replacement, counts uniform in [1, 4]. Reproducible from the seed.
     */
    public static NtpDataset random(int vocabSize, int contexts, int kMin, int kMax, long seed) {
        if (kMin < 1 || kMax < kMin) throw new IllegalArgumentException("need 1 <= kMin <= kMax");
        SplittableRandom rng = new SplittableRandom(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>(contexts);
        int[] perm = new int[vocabSize];
        for (int i = 0; i < vocabSize; i++) perm[i] = i;
        for (int j = 0; j < contexts; j++) {
            int k = Math.min(vocabSize, kMin + rng.nextInt(kMax - kMin + 1));
            Map<Integer, Long> col = new HashMap<>();
            for (int t = 0; t < k; t++) { // partial Fisher-Yates
                int s = t + rng.nextInt(vocabSize - t);
                int tmp = perm[t];
                perm[t] = perm[s];
                perm[s] = tmp;
                col.put(perm[t], 1L + rng.nextInt(4));
            }
            cols.add(col);
        }
        return NtpDataset.fromColumns(vocabSize, cols, null);
    }

    /** All C(V, k) supports of size k, in lexicographic order, with the given count generator (seeded). */
    public static NtpDataset allSubsets(int vocabSize, int k, long seed) {
        if (k < 1 || k > vocabSize) throw new IllegalArgumentException("need 1 <= k <= V");
        SplittableRandom rng = new SplittableRandom(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        while (true) {
            Map<Integer, Long> col = new HashMap<>();
            for (int i : idx) col.put(i, 1L + rng.nextInt(4));
            cols.add(col);
            int p = k - 1;
            while (p >= 0 && idx[p] == vocabSize - k + p) p--;
            if (p < 0) break;
            idx[p]++;
            for (int q = p + 1; q < k; q++) idx[q] = idx[q - 1] + 1;
        }
        return NtpDataset.fromColumns(vocabSize, cols, null);
    }
}
