package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;

/**
 * Synthetic NTP datasets (no corpus, no context tokens). All randomness comes from {@link java.util.Random}
 * with the given seed (its algorithm is fixed by the Java specification, so files are reproducible).
 */
public final class SyntheticDatasets {
    /** Largest number of contexts the symmetric kind will generate. */
    public static final long MAX_SYMMETRIC_CONTEXTS = 200_000;

    private SyntheticDatasets() {}

    /** A dataset with the provenance that describes how it was made. */
    public record Synth(NtpDataset dataset, ObjectNode provenance) {}

    /** An inclusive integer range {@code lo..hi}. */
    public record Range(int lo, int hi) {
        /** Parse "a..b" or "a". */
        public static Range parse(String s, String option) {
            try {
                String[] p = s.trim().split("\\.\\.", -1);
                if (p.length == 1) return new Range(Integer.parseInt(p[0].trim()), Integer.parseInt(p[0].trim()));
                if (p.length == 2) return new Range(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new UserError(option + " must be N or A..B with integers, got '" + s + "'");
        }

        int draw(Random r) {
            return lo + r.nextInt(hi - lo + 1);
        }

        @Override
        public String toString() {
            return lo + ".." + hi;
        }
    }

    /** Bytes per support entry and per context that {@code data synth} holds at its peak (generation and writing). */
    static final long BYTES_PER_ENTRY = 48;
    static final long BYTES_PER_CONTEXT = 140;

    /**
     * m contexts; context j draws a support size k uniformly from {@code supportSize}, then k distinct tokens
     * uniformly from 0..V-1 (partial Fisher-Yates), each followed by its count drawn uniformly from {@code counts}.
     * Sizes are checked before anything is allocated (overflow-checked, and against the free heap).
     */
    public static Synth random(int vocab, int contexts, Range supportSize, Range counts, long seed) {
        if (vocab < 1) throw new OptionError("{vocab} must be >= 1, got " + vocab);
        if (contexts < 1) throw new OptionError("{contexts} must be >= 1, got " + contexts);
        if (supportSize.lo() < 1 || supportSize.hi() < supportSize.lo() || supportSize.hi() > vocab) {
            throw new OptionError("{support_size} " + supportSize + " must satisfy 1 <= A <= B <= V=" + vocab);
        }
        checkCounts(counts);
        String what = "a random dataset of " + contexts + " contexts over " + vocab + " tokens";
        long expectedEntries = Preflight.multiply(what, contexts, (long) supportSize.lo() + supportSize.hi()) / 2;
        Preflight.estimate(what, "fewer contexts or smaller supports")
                .heap("support entries", Preflight.multiply(what, expectedEntries, BYTES_PER_ENTRY))
                .heap("contexts", Preflight.multiply(what, contexts, BYTES_PER_CONTEXT))
                .heap("vocabulary", 4L * vocab)
                .check();
        Preflight.arrayLength(what + " with supports of " + supportSize, expectedEntries);
        Random r = new Random(seed);
        int[] perm = new int[vocab];
        for (int i = 0; i < vocab; i++) perm[i] = i;
        int[] colPtr = new int[contexts + 1];
        int[] tok = new int[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expectedEntries + expectedEntries / 8))];
        long[] cnt = new long[tok.length];
        int nnz = 0;
        for (int j = 0; j < contexts; j++) {
            int k = supportSize.draw(r);
            if (nnz + k > tok.length) {
                int grown = Preflight.arrayLength(what, (long) tok.length + tok.length / 2 + k);
                tok = java.util.Arrays.copyOf(tok, grown);
                cnt = java.util.Arrays.copyOf(cnt, grown);
            }
            for (int i = 0; i < k; i++) {
                int pick = i + r.nextInt(vocab - i);
                int tmp = perm[i];
                perm[i] = perm[pick];
                perm[pick] = tmp;
                // insertion into the context's sorted run [colPtr[j], nnz)
                int z = perm[i];
                long c = counts.draw(r);
                int p = nnz++;
                while (p > colPtr[j] && tok[p - 1] > z) {
                    tok[p] = tok[p - 1];
                    cnt[p] = cnt[p - 1];
                    p--;
                }
                tok[p] = z;
                cnt[p] = c;
            }
            colPtr[j + 1] = nnz;
        }
        ObjectNode p = provenance("random", seed);
        ((ObjectNode) p.get("options")).put("vocab", vocab).put("contexts", contexts).put("support_size", supportSize.toString())
                .put("counts", counts.toString());
        NtpDataset ds = new NtpDataset(vocab, colPtr, java.util.Arrays.copyOf(tok, nnz), java.util.Arrays.copyOf(cnt, nnz), null, 0, null);
        return new Synth(ds, p);
    }

    /**
     * The options of the random generator, validated when built: V tokens, m contexts, support sizes and counts
     * uniform in their ranges, the seed. {@link #of} gives the defaults of {@code data synth --kind random} (sizes
     * 1..5, counts 1..4, seed 0).
     */
    public record RandomSpec(int vocab, int contexts, Range supportSize, Range counts, long seed) {
        public static RandomSpec of(int vocab, int contexts) {
            return new RandomSpec(vocab, contexts, new Range(1, 5), new Range(1, 4), 0);
        }

        public RandomSpec withSupportSize(int lo, int hi) {
            return new RandomSpec(vocab, contexts, new Range(lo, hi), counts, seed);
        }

        public RandomSpec withCounts(int lo, int hi) {
            return new RandomSpec(vocab, contexts, supportSize, new Range(lo, hi), seed);
        }

        public RandomSpec withSeed(long s) {
            return new RandomSpec(vocab, contexts, supportSize, counts, s);
        }
    }

    /** The one random generator of the library (tests, benchmarks and {@code data synth} use it). */
    public static Synth random(RandomSpec spec) {
        return random(spec.vocab(), spec.contexts(), spec.supportSize(), spec.counts(), spec.seed());
    }

    /** The dataset of {@link #random(RandomSpec)}. */
    public static NtpDataset randomDataset(RandomSpec spec) {
        return random(spec).dataset();
    }

    /**
     * A copy of {@code ds} whose contexts carry {@code width} input tokens each, so that sequence models (transformer,
     * LSTM, MLP) can be trained on a set that has only supports and counts. Contexts j = 0..m-1 in order each draw
     * {@code width} ids independently and uniformly from 0..inputVocab-1 with one {@link Random}{@code (seed)}; a
     * sequence an earlier context already has is redrawn, so every context is a distinct sequence. The input
     * vocabulary is separate from the V rows; supports, counts and row names are unchanged.
     */
    public static NtpDataset withContextTokens(NtpDataset ds, int width, int inputVocab, long seed) {
        if (width < 1) throw new IllegalArgumentException("context width must be >= 1, got " + width);
        if (inputVocab < 2) throw new IllegalArgumentException("input vocabulary must have >= 2 tokens, got " + inputVocab);
        int m = ds.contextCount();
        if (Math.pow(inputVocab, width) < 2.0 * m) {
            throw new IllegalArgumentException(inputVocab + "^" + width + " sequences are too few for " + m + " distinct contexts");
        }
        Random r = new Random(seed);
        int[] flat = new int[Preflight.arrayLength("context tokens", m, width)];
        java.util.Set<String> used = new java.util.HashSet<>();
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

    /** Every one of the C(V, k) supports of size k once, in lexicographic order, counts from {@code counts}. */
    public static Synth symmetric(int vocab, int k, Range counts, long seed) {
        return symmetric(vocab, k, counts, 1, seed);
    }

    /**
     * Every one of the C(V, k) supports {@code copies} times: the lexicographic list of supports, repeated (copy c
     * of support S is context c * C(V, k) + index of S), each context with its own counts, so that each support
     * class has {@code copies} contexts with different p_j.
     */
    public static Synth symmetric(int vocab, int k, Range counts, int copies, long seed) {
        if (copies < 1) throw new UserError("copies must be >= 1, got " + copies);
        if (vocab < 2) throw new OptionError("{vocab} must be >= 2, got " + vocab);
        if (k < 1 || k >= vocab) throw new OptionError("{support_size} must be a single k with 1 <= k < V=" + vocab + ", got " + k);
        checkCounts(counts);
        long m = binomial(vocab, k);
        if (m > MAX_SYMMETRIC_CONTEXTS / copies) {
            throw new UserError("C(" + vocab + ", " + k + ") = " + (m == Long.MAX_VALUE ? "more than 9e18" : m)
                    + " contexts is too many (at most " + MAX_SYMMETRIC_CONTEXTS + "); use a smaller V or k");
        }
        Random r = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            int[] c = new int[k];
            for (int i = 0; i < k; i++) c[i] = i;
            while (true) {
                Map<Integer, Long> col = new LinkedHashMap<>();
                for (int z : c) col.put(z, (long) counts.draw(r));
                cols.add(col);
                int i = k - 1;
                while (i >= 0 && c[i] == vocab - k + i) i--;
                if (i < 0) break;
                c[i]++;
                for (int q = i + 1; q < k; q++) c[q] = c[q - 1] + 1;
            }
        }
        ObjectNode p = provenance("symmetric", seed);
        ((ObjectNode) p.get("options")).put("vocab", vocab).put("support_size", k).put("counts", counts.toString());
        if (copies > 1) ((ObjectNode) p.get("options")).put("copies", copies);
        return new Synth(NtpDataset.fromColumns(vocab, cols, null), p);
    }

    /**
     * The paper's synthetic set as we reconstruct it: V = 30, m = 16. Eight overlapping word groups
     * G_g = {(4g + i) mod 30 : i = 0..5} (neighbouring groups share two words); support S_g = 3 words drawn from
     * G_g; contexts 2g and 2g+1 both have support S_g (8 support classes of two contexts), counts uniform in
     * 1..4 (so their p_j differ).
     */
    public static Synth paper(long seed) {
        int vocab = 30;
        Random r = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            int[] group = new int[6];
            for (int i = 0; i < 6; i++) group[i] = (4 * g + i) % vocab;
            for (int i = 0; i < 3; i++) {
                int pick = i + r.nextInt(6 - i);
                int tmp = group[i];
                group[i] = group[pick];
                group[pick] = tmp;
            }
            for (int rep = 0; rep < 2; rep++) {
                Map<Integer, Long> col = new LinkedHashMap<>();
                for (int i = 0; i < 3; i++) col.put(group[i], 1L + r.nextInt(4));
                cols.add(col);
            }
        }
        ObjectNode p = provenance("paper", seed);
        ((ObjectNode) p.get("options")).put("vocab", vocab).put("contexts", 16).put("support_size", 3).put("counts", "1..4")
                .put("groups", "G_g = {(4g+i) mod 30 : i=0..5}, g=0..7; contexts 2g, 2g+1 share a support of 3 words from G_g");
        return new Synth(NtpDataset.fromColumns(vocab, cols, null), p);
    }

    private static void checkCounts(Range counts) {
        if (counts.lo() < 1 || counts.hi() < counts.lo()) throw new OptionError("{counts} " + counts + " must satisfy 1 <= A <= B");
    }

    private static ObjectNode provenance(String kind, long seed) {
        ObjectNode p = Json.object();
        p.put("source", "synthetic");
        p.put("created_by", "ntpgeo data synth");
        p.put("kind", kind);
        p.put("seed", seed);
        p.putObject("options");
        return p;
    }

    /** C(n, k), saturating at Long.MAX_VALUE. */
    public static long binomial(int n, int k) {
        k = Math.min(k, n - k);
        long c = 1;
        for (int i = 1; i <= k; i++) {
            long num = n - k + i;
            if (c > Long.MAX_VALUE / num) return Long.MAX_VALUE;
            c = c * num / i;
        }
        return c;
    }
}
