package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;

/**
 * A synthetic dataset with a given number of support classes (the {@code classes} kind of {@code data synth}):
 * C distinct supports are drawn (size uniform in a range, tokens uniform without replacement), every class gets one
 * context and the remaining m - C contexts pick their class from a Zipf-like law P(c) proportional to (c + 1)^(-s),
 * as support classes of text are; the contexts are then shuffled and every count is drawn uniformly from a range.
 * The sparse arrays are filled directly (no per-context maps), so millions of contexts are cheap. Reproducible from
 * the seed ({@link java.util.Random}).
 */
public final class SyntheticClasses {
    private SyntheticClasses() {}

    public static SyntheticDatasets.Synth generate(int vocab, int contexts, int classes, SyntheticDatasets.Range supportSize,
                                                   SyntheticDatasets.Range counts, double zipf, long seed) {
        if (vocab < 1) throw new OptionError("{vocab} must be >= 1, got " + vocab);
        if (classes < 1 || contexts < classes) {
            throw new OptionError("need 1 <= {classes} <= {contexts}, got " + classes + " classes for " + contexts + " contexts");
        }
        if (supportSize.lo() < 1 || supportSize.hi() < supportSize.lo() || supportSize.hi() > vocab) {
            throw new OptionError("{support_size} " + supportSize + " must satisfy 1 <= A <= B <= V=" + vocab);
        }
        if (counts.lo() < 1 || counts.hi() < counts.lo()) throw new OptionError("{counts} " + counts + " must satisfy 1 <= A <= B");
        if (!(zipf >= 0) || Double.isInfinite(zipf)) throw new OptionError("{zipf} must be a finite number >= 0, got " + zipf);
        long possible = 0;
        for (int k = supportSize.lo(); k <= supportSize.hi(); k++) possible = saturatingAdd(possible, SyntheticDatasets.binomial(vocab, k));
        // rejection sampling of distinct supports stays cheap while at most half of the possible ones are taken
        if (2L * classes > possible) {
            throw new OptionError(classes + " distinct supports of size " + supportSize + " over V=" + vocab + " are too many (at most "
                    + possible / 2 + "); use a larger {vocab} or {support_size} range");
        }
        Random r = new Random(seed);

        int[][] supports = new int[classes][];
        Set<Key> seen = new HashSet<>(2 * classes);
        int[] perm = new int[vocab];
        for (int i = 0; i < vocab; i++) perm[i] = i;
        for (int c = 0; c < classes; c++) {
            int[] s;
            do {
                int k = supportSize.lo() + r.nextInt(supportSize.hi() - supportSize.lo() + 1);
                s = new int[k];
                for (int i = 0; i < k; i++) {
                    int pick = i + r.nextInt(vocab - i);
                    int tmp = perm[i];
                    perm[i] = perm[pick];
                    perm[pick] = tmp;
                    s[i] = perm[i];
                }
                Arrays.sort(s);
            } while (!seen.add(new Key(s)));
            supports[c] = s;
        }

        // one context per class, the rest by the Zipf-like law (inverse CDF by binary search), then shuffled
        double[] cdf = new double[classes];
        double total = 0;
        for (int c = 0; c < classes; c++) cdf[c] = total += Math.pow(c + 1, -zipf);
        int[] label = new int[contexts];
        for (int j = 0; j < contexts; j++) {
            if (j < classes) {
                label[j] = j;
            } else {
                int c = Arrays.binarySearch(cdf, r.nextDouble() * total);
                label[j] = Math.min(classes - 1, c >= 0 ? c : -c - 1);
            }
        }
        for (int j = contexts - 1; j > 0; j--) {
            int i = r.nextInt(j + 1);
            int t = label[i];
            label[i] = label[j];
            label[j] = t;
        }

        int[] colPtr = new int[contexts + 1];
        for (int j = 0; j < contexts; j++) colPtr[j + 1] = colPtr[j] + supports[label[j]].length;
        int[] tokens = new int[colPtr[contexts]];
        long[] cnt = new long[colPtr[contexts]];
        int span = counts.hi() - counts.lo() + 1;
        for (int j = 0; j < contexts; j++) {
            int[] s = supports[label[j]];
            for (int i = 0; i < s.length; i++) {
                tokens[colPtr[j] + i] = s[i];
                cnt[colPtr[j] + i] = counts.lo() + r.nextInt(span);
            }
        }
        ObjectNode p = Json.object();
        p.put("source", "synthetic");
        p.put("created_by", "ntpgeo data synth");
        p.put("kind", "classes");
        p.put("seed", seed);
        p.putObject("options").put("vocab", vocab).put("contexts", contexts).put("classes", classes)
                .put("support_size", supportSize.toString()).put("counts", counts.toString()).put("zipf", zipf);
        return new SyntheticDatasets.Synth(new NtpDataset(vocab, colPtr, tokens, cnt, null, 0, null), p);
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private record Key(int[] tokens) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(tokens, k.tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }
    }
}
