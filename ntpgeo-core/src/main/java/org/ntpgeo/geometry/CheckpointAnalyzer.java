package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * Computes the {@link Metric}s of checkpoints (W, H, L) against a {@link TheoryReference}. Precomputes what is
 * shared by all checkpoints (predicted cosine matrices, samples). Never forms an m x m matrix for m above
 * {@link #MAX_COSINE_CONTEXTS}: cosine matrices use a seeded sample of contexts (see {@link #notes()}).
 */
public final class CheckpointAnalyzer {
    /** Largest number of contexts (and words) whose full cosine matrix is compared by SSIM. */
    public static final int MAX_COSINE_CONTEXTS = 1000;
    /** Largest V*m for which the singular values of every checkpoint's L are computed (else: final one only). */
    public static final long MAX_SPECTRUM_CELLS = 4_000_000L;
    /** Relative tolerance of {@link Metric#RANK_L}. */
    public static final double RANK_TOL = 1e-3;

    private final TheoryReference ref;
    private final NtpDataset ds;
    private final int[] classes;
    private final int classCount;
    private final double linNorm;
    private final int[] contextSample;
    private final int[] wordSample;
    private final Matrix predictedContextCos;
    private final Matrix predictedWordCos;
    private final Matrix predictedContextCosSt;
    private final Matrix predictedWordCosSt;
    private final List<String> notes = new ArrayList<>();

    public CheckpointAnalyzer(TheoryReference ref, long seed) {
        this.ref = ref;
        this.ds = ref.dataset();
        this.classes = ds.supportClasses();
        this.classCount = ds.supportClassCount();
        this.linNorm = ref.lin().frobeniusNorm();
        this.contextSample = sample(ds.contextCount(), MAX_COSINE_CONTEXTS, classes, new Random(seed));
        this.wordSample = sample(ds.vocabSize(), MAX_COSINE_CONTEXTS, wordOrderKeys(ds), new Random(seed + 1));
        if (contextSample.length < ds.contextCount()) {
            notes.add("Context cosine matrices (SSIM) use a seeded random sample of " + contextSample.length + " of "
                    + ds.contextCount() + " contexts; no m x m matrix is formed.");
        }
        if (wordSample.length < ds.vocabSize()) {
            notes.add("Word cosine matrices (SSIM) use a seeded random sample of " + wordSample.length + " of " + ds.vocabSize() + " words.");
        }
        if (ds.contextCount() > GramGap.DIRECT_LIMIT) {
            notes.add("The context Gram gap is computed from trace identities (d x d and d x r products), not from m x m matrices.");
        }
        if ((long) ds.vocabSize() * ds.contextCount() > MAX_SPECTRUM_CELLS) {
            notes.add("Singular values (rank of L) are computed for the final checkpoint only (V*m > " + MAX_SPECTRUM_CELLS + ").");
        }
        TheoryReference.Spectral mm = ref.lmmSvd(), st = ref.sTildeSvd();
        predictedContextCos = predictedColumnCosines(mm, contextSample);
        predictedWordCos = predictedRowCosines(mm, wordSample);
        predictedContextCosSt = predictedColumnCosines(st, contextSample);
        predictedWordCosSt = predictedRowCosines(st, wordSample);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Contexts compared in cosine matrices, ordered by support class then index. */
    public int[] contextSample() {
        return contextSample.clone();
    }

    /** Words compared in cosine matrices, ordered by the support class of their first context. */
    public int[] wordSample() {
        return wordSample.clone();
    }

    /** All metrics of one checkpoint; {@code withSpectrum} forces the singular values (used for the final one). */
    public CheckpointMetrics analyze(RunReader.Checkpoint cp, boolean withSpectrum) {
        CheckpointMetrics out = new CheckpointMetrics(cp.epoch());
        Matrix l = cp.l(), w = cp.w(), h = cp.h();
        boolean factors = w != null && h != null;
        String noFactors = "checkpoint has no W and H";
        if (!l.isFinite() || (factors && (!w.isFinite() || !h.isFinite()))) {
            for (Metric m : Metric.values()) out.setNa(m, "checkpoint has NaN or infinite entries (diverged run)");
            return out;
        }
        double ce = MatrixMetrics.crossEntropy(ds, l);
        out.set(Metric.CE, ce);
        out.set(Metric.CE_MINUS_H, ce - ds.entropy());
        double normL = l.frobeniusNorm();
        out.set(Metric.NORM_L, normL);
        if (factors) {
            out.set(Metric.NORM_W, w.frobeniusNorm());
            out.set(Metric.NORM_H, h.frobeniusNorm());
            out.set(Metric.FACTOR_RESIDUAL, normL > 0 ? MatrixMetrics.diffNorm(l, Blas.multiply(w, h)) / normL : Double.NaN, "L = 0");
            Matrix wtw = Blas.gram(w, true);
            double nw = wtw.frobeniusNorm();
            out.set(Metric.IMBALANCE, nw > 0 ? MatrixMetrics.diffNorm(wtw, Blas.gram(h, false)) / nw : Double.NaN, "W = 0");
        } else {
            for (Metric m : List.of(Metric.NORM_W, Metric.NORM_H, Metric.FACTOR_RESIDUAL, Metric.IMBALANCE)) out.setNa(m, noFactors);
        }
        out.set(Metric.GAP_L_LMM, MatrixMetrics.directionGap(l, ref.lmm()), zeroReason(normL, "L"));
        out.set(Metric.GAP_L_STILDE, MatrixMetrics.directionGap(l, ref.sTilde()), zeroReason(normL, "L"));
        out.set(Metric.GAP_LRES_LMM, MatrixMetrics.directionGap(l, ref.lin(), ref.lmm()), "L - L_in = 0 or L_mm = 0");
        out.set(Metric.GAP_LRES_STILDE, MatrixMetrics.directionGap(l, ref.lin(), ref.sTilde()), "L - L_in = 0 or S~ = 0");
        double pf = MatrixMetrics.diffNorm(ref.projectF(l), ref.lin());
        out.set(Metric.F_RECOVERY, pf);
        out.set(Metric.F_RECOVERY_REL, linNorm > 0 ? pf / linNorm : Double.NaN, "L_in = 0 (every p_j uniform on its support)");

        TheoryReference.Spectral mm = ref.lmmSvd(), st = ref.sTildeSvd();
        if (factors) {
            out.set(Metric.GRAM_W_GAP, GramGap.of(w.transpose(), mm.u(), mm.s()), "W = 0 or L_mm = 0");
            out.set(Metric.GRAM_H_GAP, GramGap.of(h, mm.v(), mm.s()), "H = 0 or L_mm = 0");
            Matrix wordCos = MatrixMetrics.rowCosines(MatrixMetrics.selectRows(w, wordSample));
            Matrix ctxCos = MatrixMetrics.columnCosines(h, contextSample);
            out.set(Metric.SSIM_WORDS, ssim(wordCos, predictedWordCos), "a zero word embedding or L_mm = 0");
            out.set(Metric.SSIM_CONTEXTS, ssim(ctxCos, predictedContextCos), "a zero context embedding or L_mm = 0");
            out.set(Metric.SSIM_WORDS_STILDE, ssim(wordCos, predictedWordCosSt), "a zero word embedding");
            out.set(Metric.SSIM_CONTEXTS_STILDE, ssim(ctxCos, predictedContextCosSt), "a zero context embedding");
            SubspaceCollapse.Result c = SubspaceCollapse.of(w, h, mm.u(), classes, classCount);
            String noPairs = "no support class has two or more contexts";
            out.set(Metric.COLLAPSE_COS_MM, c.mmComponent().withinCosine(), noPairs);
            out.set(Metric.COLLAPSE_COS_RAW, c.raw().withinCosine(), noPairs);
            out.set(Metric.COLLAPSE_COS_REST, c.remainder().withinCosine(), noPairs + " (or the remainder is zero)");
            String noRatio = noPairs + ", or only one class";
            out.set(Metric.COLLAPSE_NC1_MM, c.mmComponent().variabilityRatio(), noRatio);
            out.set(Metric.COLLAPSE_NC1_RAW, c.raw().variabilityRatio(), noRatio);
            out.set(Metric.COLLAPSE_NC1_REST, c.remainder().variabilityRatio(), noRatio + " (or the remainder is zero)");
            out.set(Metric.COMPONENT_DIM, c.componentDim());
        } else {
            for (Metric m : new Metric[] {Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.SSIM_WORDS, Metric.SSIM_CONTEXTS,
                    Metric.SSIM_WORDS_STILDE, Metric.SSIM_CONTEXTS_STILDE, Metric.COLLAPSE_COS_MM, Metric.COLLAPSE_COS_RAW,
                    Metric.COLLAPSE_COS_REST, Metric.COLLAPSE_NC1_MM, Metric.COLLAPSE_NC1_RAW, Metric.COLLAPSE_NC1_REST,
                    Metric.COMPONENT_DIM}) {
                out.setNa(m, noFactors);
            }
        }
        if (withSpectrum || (long) l.rows * l.cols <= MAX_SPECTRUM_CELLS) {
            out.set(Metric.RANK_L, Svd.rankOf(singularValues(l), RANK_TOL), "L = 0");
        } else {
            out.setNa(Metric.RANK_L, "singular values computed for the final checkpoint only (large V*m)");
        }
        return out;
    }

    /** Cosines of the sampled context embeddings (columns of H), ordered like {@link #contextSample()}. */
    public Matrix contextCosines(Matrix h) {
        return MatrixMetrics.columnCosines(h, contextSample);
    }

    public Matrix wordCosines(Matrix w) {
        return MatrixMetrics.rowCosines(MatrixMetrics.selectRows(w, wordSample));
    }

    public Matrix predictedContextCosines(boolean fromLmm) {
        return (fromLmm ? predictedContextCos : predictedContextCosSt).copy();
    }

    public Matrix predictedWordCosines(boolean fromLmm) {
        return (fromLmm ? predictedWordCos : predictedWordCosSt).copy();
    }

    /**
     * Singular values of L, descending: LAPACK dgesdd for small matrices, else the eigenvalues of the smaller
     * Gram matrix (min(V, m)^2 memory).
     */
    public static double[] singularValues(Matrix l) {
        return org.ntpgeo.linalg.GramSvd.singularValues(l);
    }

    private static double ssim(Matrix a, Matrix b) {
        if (!a.isFinite() || !b.isFinite()) return Double.NaN;
        return MatrixMetrics.structuralSimilarity(a, b);
    }

    private static String zeroReason(double norm, String what) {
        return norm > 0 ? "reference matrix is zero" : what + " = 0";
    }

    /** Predicted cosines of context j from L = U S V^T: columns of S^{1/2} V^T, i.e. (V S V^T) normalised. */
    private static Matrix predictedColumnCosines(TheoryReference.Spectral sp, int[] cols) {
        Matrix vs = MatrixMetrics.scaleColumns(MatrixMetrics.selectRows(sp.v(), cols), MatrixMetrics.sqrt(sp.s()));
        return MatrixMetrics.rowCosines(vs);
    }

    /** Predicted word cosines: rows of U S^{1/2}. */
    private static Matrix predictedRowCosines(TheoryReference.Spectral sp, int[] rows) {
        Matrix us = MatrixMetrics.scaleColumns(MatrixMetrics.selectRows(sp.u(), rows), MatrixMetrics.sqrt(sp.s()));
        return MatrixMetrics.rowCosines(us);
    }

    /** Sort key of each word: the support class of the first context whose support holds it (V if none). */
    static int[] wordOrderKeys(NtpDataset ds) {
        int[] key = new int[ds.vocabSize()];
        Arrays.fill(key, Integer.MAX_VALUE);
        int[] cls = ds.supportClasses();
        for (int j = 0; j < ds.contextCount(); j++) {
            for (int k = ds.start(j); k < ds.end(j); k++) key[ds.token(k)] = Math.min(key[ds.token(k)], cls[j]);
        }
        return key;
    }

    /** All of 0..n-1 (or a seeded sample of {@code max}) sorted by (key, index). */
    static int[] sample(int n, int max, int[] key, Random rng) {
        int[] idx;
        if (n <= max) {
            idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
        } else {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            for (int i = 0; i < max; i++) {
                int r = i + rng.nextInt(n - i);
                int t = all[i];
                all[i] = all[r];
                all[r] = t;
            }
            idx = Arrays.copyOf(all, max);
        }
        return Arrays.stream(idx).boxed().sorted((a, b) -> key[a] != key[b] ? Integer.compare(key[a], key[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }
}
