package org.ntpgeo.data.recipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words that occur in similar places: each word w of a corpus gets a co-occurrence profile, the counts of the
 * words immediately to its left and (as separate coordinates) immediately to its right, over all documents
 * (a document's first word has no left neighbour, its last no right one). Two words are similar when the cosine of
 * their profiles is high; words of one syntactic role and topic ("cat", "dog"; "said", "asked"; "." , "!") share
 * many neighbours. Pure and deterministic: ties in similarity are broken by the smaller word id.
 */
public final class DistributionalNeighbours {
    private final int vocab;
    private final long[] frequency;
    /** Sparse profile of each word: sorted feature ids (left neighbour z -> z, right neighbour z -> vocab + z) and counts. */
    private final int[][] features;
    private final double[][] weights;
    private final double[] norm;

    /** Profiles of the words 0..vocab-1 of the documents (arrays of word ids). */
    public DistributionalNeighbours(int vocab, List<int[]> documents) {
        this.vocab = vocab;
        frequency = new long[vocab];
        List<Map<Integer, Long>> profile = new ArrayList<>(vocab);
        for (int w = 0; w < vocab; w++) profile.add(new HashMap<>());
        for (int[] d : documents) {
            for (int i = 0; i < d.length; i++) {
                frequency[d[i]]++;
                if (i > 0) profile.get(d[i]).merge(d[i - 1], 1L, Long::sum);
                if (i + 1 < d.length) profile.get(d[i]).merge(vocab + d[i + 1], 1L, Long::sum);
            }
        }
        features = new int[vocab][];
        weights = new double[vocab][];
        norm = new double[vocab];
        for (int w = 0; w < vocab; w++) {
            int[] f = profile.get(w).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] x = new double[f.length];
            double s = 0;
            for (int k = 0; k < f.length; k++) {
                x[k] = profile.get(w).get(f[k]);
                s += x[k] * x[k];
            }
            features[w] = f;
            weights[w] = x;
            norm[w] = Math.sqrt(s);
        }
    }

    /** Occurrences of word w. */
    public long frequency(int w) {
        return frequency[w];
    }

    /** Cosine similarity of the profiles of a and b (0 when either has no neighbour). */
    public double similarity(int a, int b) {
        if (norm[a] == 0 || norm[b] == 0) return 0;
        int[] fa = features[a], fb = features[b];
        double[] xa = weights[a], xb = weights[b];
        double dot = 0;
        for (int i = 0, j = 0; i < fa.length && j < fb.length; ) {
            if (fa[i] == fb[j]) dot += xa[i++] * xb[j++];
            else if (fa[i] < fb[j]) i++;
            else j++;
        }
        return dot / (norm[a] * norm[b]);
    }

    /**
     * The {@code k} words most similar to {@code w}, most similar first, among the words other than {@code w} that
     * occur at least {@code minFrequency} times and pass {@code allowed}; only words with positive similarity.
     */
    public int[] nearest(int w, int k, long minFrequency, java.util.function.IntPredicate allowed) {
        Integer[] cand = new Integer[vocab];
        double[] sim = new double[vocab];
        int n = 0;
        for (int v = 0; v < vocab; v++) {
            if (v == w || frequency[v] < minFrequency || !allowed.test(v)) continue;
            double s = similarity(w, v);
            if (s <= 0) continue;
            sim[v] = s;
            cand[n++] = v;
        }
        Integer[] c = Arrays.copyOf(cand, n);
        Arrays.sort(c, (x, y) -> sim[x] != sim[y] ? Double.compare(sim[y], sim[x]) : Integer.compare(x, y));
        int[] out = new int[Math.min(k, n)];
        for (int i = 0; i < out.length; i++) out[i] = c[i];
        return out;
    }
}
