package org.ntpgeo.theory;

/**
 * Prop. 5 closed forms for the symmetric case: the supports are all C(V, k) subsets of size k of the
 * vocabulary (so L_mm = S~, Prop. 2), and the balanced factors W = U Sigma^{1/2}, H = Sigma^{1/2} V^T of L_mm
 * have the geometry below. Arguments: 1 <= k < V.
 */
public final class SymmetricClosedForms {
    private SymmetricClosedForms() {}

    /** cos(w_v, w_v') for v != v': the words form a simplex ETF, -1/(V-1). */
    public static double wordCosine(int vocabSize) {
        if (vocabSize < 2) throw new IllegalArgumentException("V must be >= 2");
        return -1.0 / (vocabSize - 1);
    }

    /** cos(h_j, h_j') = (|S_j cap S_j'| - k^2/V) / (k - k^2/V). */
    public static double contextCosine(int vocabSize, int k, int overlap) {
        check(vocabSize, k);
        if (overlap < 0 || overlap > k) throw new IllegalArgumentException("overlap must be in [0, k]");
        double kk = (double) k * k / vocabSize;
        return (overlap - kk) / (k - kk);
    }

    /**
     * cos(w_v, h_j) = sqrt((V-k) / (k (V-1))) if v in S_j, else -sqrt(k / ((V-k) (V-1))).
     *
     * <p>Note: theory.md states sqrt((V-1)/(k(V-k))) and -1/sqrt(k(V-k)(V-1)); those agree with the values here
     * only for k = 1. Derivation (docs/THEORY-ENGINE.md): all V-1 non-zero singular values of S~ equal sigma, so
     * w_v . h_j = S~[v, j], ||w||^2 = sigma (V-1)/V and ||h||^2 = k (1 - k/V) / sigma. The values here satisfy
     * the identity 1^T W = 0, i.e. k cos_in + (V-k) cos_out = 0, which the theory.md expressions violate for
     * k > 1; the tests check them against the balanced factors of S~ computed numerically.
     */
    public static double wordContextCosine(int vocabSize, int k, boolean inSupport) {
        check(vocabSize, k);
        double v = vocabSize;
        return inSupport ? Math.sqrt((v - k) / (k * (v - 1))) : -Math.sqrt(k / ((v - k) * (v - 1)));
    }

    /** ||w_v||^2 / ||h_j||^2 = (V-1) C(V-2, k-1) / (k (V-k)). */
    public static double wordToContextNormRatioSquared(int vocabSize, int k) {
        check(vocabSize, k);
        return (vocabSize - 1) * binomial(vocabSize - 2, k - 1) / ((double) k * (vocabSize - k));
    }

    /** C(n, r) in double (exact while it fits in 53 bits). */
    static double binomial(int n, int r) {
        if (r < 0 || r > n) return 0;
        r = Math.min(r, n - r);
        double c = 1;
        for (int i = 1; i <= r; i++) c = c * (n - r + i) / i;
        return c > 1e15 ? c : Math.rint(c);
    }

    private static void check(int vocabSize, int k) {
        if (vocabSize < 2 || k < 1 || k >= vocabSize) {
            throw new IllegalArgumentException("symmetric case needs 1 <= k < V, got V=" + vocabSize + ", k=" + k);
        }
    }
}
