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
    private final double linNorm;
    private final int[] contextSample;
    private final int[] wordSample;
    private final Matrix predictedContextCos;
    private final Matrix predictedWordCos;
    private final Matrix predictedContextCosSt;
    private final Matrix predictedWordCosSt;
    private final SubspaceCollapse collapse;
    private final PathReference path;
    private final PathReference.Target target;
    private final List<String> notes = new ArrayList<>();

    /** Without a regularisation path (path metrics n/a). */
    public CheckpointAnalyzer(TheoryReference ref, long seed) {
        this(ref, PathReference.none("not requested"), null, seed);
    }

    /**
     * @param path   the regularisation path (may be {@link PathReference#none})
     * @param target the run's own L_lambda when it minimised the UFM objective (null otherwise)
     */
    public CheckpointAnalyzer(TheoryReference ref, PathReference path, PathReference.Target target, long seed) {
        this.ref = ref;
        this.path = path;
        this.target = target;
        this.collapse = new SubspaceCollapse(ref.dataset(), seed + 2);
        this.ds = ref.dataset();
        this.linNorm = ref.lin().frobeniusNorm();
        this.contextSample = sample(ds.contextCount(), MAX_COSINE_CONTEXTS, ds.supportClasses(), new Random(seed));
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

    /** Columns of L multiplied at a time when comparing L with W H. */
    static final int RESIDUAL_BLOCK = 2048;

    /** ||L - W H||_F, W H formed {@link #RESIDUAL_BLOCK} columns at a time. */
    static double factorResidual(Matrix l, Matrix w, Matrix h) {
        double s = 0;
        for (int from = 0; from < l.cols; from += RESIDUAL_BLOCK) {
            int to = Math.min(l.cols, from + RESIDUAL_BLOCK);
            Matrix wh = Blas.multiply(w, h.columns(from, to));
            for (int k = 0, off = from * l.rows; k < wh.data.length; k++) {
                double x = l.data[off + k] - wh.data[k];
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    /** Subtracts every column's mean in place; returns the norm of what was removed, sqrt(sum_j V mean_j^2). */
    static double centreInPlace(Matrix a) {
        double removed = 0;
        for (int j = 0; j < a.cols; j++) {
            int off = j * a.rows;
            double mean = 0;
            for (int i = 0; i < a.rows; i++) mean += a.data[off + i];
            mean /= a.rows;
            for (int i = 0; i < a.rows; i++) a.data[off + i] -= mean;
            removed += a.rows * mean * mean;
        }
        return Math.sqrt(removed);
    }

    /**
     * All metrics of one checkpoint; {@code withSpectrum} forces the singular values (used for the final one).
     * The checkpoint's L is centred in place (the caller's matrix becomes Lc = (I - 11^T/V) L).
     */
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
        Matrix wc = factors ? MatrixMetrics.centred(w) : null;
        if (factors) {
            out.set(Metric.NORM_W, w.frobeniusNorm());
            out.set(Metric.NORM_H, h.frobeniusNorm());
            out.set(Metric.FACTOR_RESIDUAL, normL > 0 ? factorResidual(l, w, h) / normL : Double.NaN, "L = 0");
            Matrix wtw = Blas.gram(wc, true);
            double nw = wtw.frobeniusNorm();
            out.set(Metric.IMBALANCE, nw > 0 ? MatrixMetrics.diffNorm(wtw, Blas.gram(h, false)) / nw : Double.NaN, "Wc = 0");
        } else {
            for (Metric m : List.of(Metric.NORM_W, Metric.NORM_H, Metric.FACTOR_RESIDUAL, Metric.IMBALANCE)) out.setNa(m, noFactors);
        }
        // from here on L is centred in place: Lc = (I - 11^T/V) L (no second V x m matrix)
        double removed = centreInPlace(l);
        Matrix lc = l;
        double normLc = lc.frobeniusNorm();
        out.set(Metric.NORM_L_CENTRED, normLc);
        out.set(Metric.CENTRING_SHARE, normL > 0 ? removed / normL : Double.NaN, "L = 0");
        String lcZero = zeroReason(normLc, "Lc (centred L)");
        out.set(Metric.GAP_L_LMM, MatrixMetrics.directionGap(lc, ref.lmm()), lcZero);
        out.set(Metric.GAP_L_STILDE, MatrixMetrics.directionGap(lc, ref.sTilde()), lcZero);
        out.set(Metric.GAP_LRES_LMM, MatrixMetrics.directionGap(lc, ref.lin(), ref.lmm()), "Lc - L_in = 0 or L_mm = 0");
        out.set(Metric.GAP_LRES_STILDE, MatrixMetrics.directionGap(lc, ref.lin(), ref.sTilde()), "Lc - L_in = 0 or S~ = 0");
        double pf = ref.softLabelGap(lc);
        out.set(Metric.F_RECOVERY, pf);
        out.set(Metric.F_RECOVERY_REL, linNorm > 0 ? pf / linNorm : Double.NaN, "L_in = 0 (every p_j uniform on its support)");

        TheoryReference.Spectral mm = ref.lmmSvd();
        if (factors) {
            out.set(Metric.GRAM_W_GAP, GramGap.of(wc.transpose(), mm.u(), mm.s()), "Wc = 0 or L_mm = 0");
            out.set(Metric.GRAM_H_GAP, GramGap.ofRight(h, mm), "H = 0 or L_mm = 0");
            Matrix wordCos = MatrixMetrics.rowCosines(MatrixMetrics.selectRows(wc, wordSample));
            Matrix ctxCos = MatrixMetrics.columnCosines(h, contextSample);
            out.set(Metric.SSIM_WORDS, ssim(wordCos, predictedWordCos), "a zero word embedding or L_mm = 0");
            out.set(Metric.SSIM_CONTEXTS, ssim(ctxCos, predictedContextCos), "a zero context embedding or L_mm = 0");
            out.set(Metric.SSIM_WORDS_STILDE, ssim(wordCos, predictedWordCosSt), "a zero word embedding");
            out.set(Metric.SSIM_CONTEXTS_STILDE, ssim(ctxCos, predictedContextCosSt), "a zero context embedding");
            SubspaceCollapse.Result c = collapse.measure(w, h);
            String why = c.reason() == null ? "undefined" : c.reason();
            out.set(Metric.COLLAPSE_COS, c.within(), why);
            out.set(Metric.COLLAPSE_COS_NONMEMBER, c.nonMember(), c.reason() == null ? "no class has a non-zero non-member projection" : why);
            out.set(Metric.COLLAPSE_NULL_MEAN, c.nullMean(), why);
            out.set(Metric.COLLAPSE_NULL_SD, c.nullSd(), why);
            out.set(Metric.COLLAPSE_COS_RAW, c.raw(), "no support class has two or more non-zero context embeddings");
            out.set(Metric.COLLAPSE_COS_TS, c.tsComponent(), collapse.naReason() != null ? collapse.naReason()
                    : "suppressed: no class has two T_S components above " + SubspaceCollapse.ZERO_NORM + " of ||h|| (e.g. supports of size 1)");
            out.set(Metric.COLLAPSE_CLASSES, collapse.naReason() != null ? Double.NaN : c.classes(), why);
            out.set(Metric.COLLAPSE_NC1_RAW, c.nc1Raw(), "no support class has two contexts, or only one class");
            out.setCollapseNull(c.nullValues());
        } else {
            for (Metric m : new Metric[] {Metric.GRAM_W_GAP, Metric.GRAM_H_GAP, Metric.SSIM_WORDS, Metric.SSIM_CONTEXTS,
                    Metric.SSIM_WORDS_STILDE, Metric.SSIM_CONTEXTS_STILDE, Metric.COLLAPSE_COS, Metric.COLLAPSE_COS_NONMEMBER,
                    Metric.COLLAPSE_NULL_MEAN, Metric.COLLAPSE_NULL_SD, Metric.COLLAPSE_COS_RAW, Metric.COLLAPSE_COS_TS,
                    Metric.COLLAPSE_CLASSES, Metric.COLLAPSE_NC1_RAW, Metric.TARGET_GRAM_W, Metric.TARGET_GRAM_H}) {
                out.setNa(m, noFactors);
            }
        }
        if (withSpectrum || (long) l.rows * l.cols <= MAX_SPECTRUM_CELLS) {
            out.set(Metric.RANK_L, Svd.rankOf(singularValues(lc), RANK_TOL), "Lc = 0");
        } else {
            out.setNa(Metric.RANK_L, "singular values computed for the final checkpoint only (large V*m)");
        }
        pathMetrics(out, lc, wc, h);
        return out;
    }

    /** Path position, and the distance to the run's own L_lambda when the run minimised the UFM objective. */
    private void pathMetrics(CheckpointMetrics out, Matrix lc, Matrix wc, Matrix h) {
        if (path.isEmpty()) {
            out.setNa(Metric.PATH_LAMBDA, "no regularisation path: " + path.description());
            out.setNa(Metric.PATH_GAP, "no regularisation path: " + path.description());
        } else {
            PathReference.Location loc = path.locate(lc);
            String why = "Lc = 0 or every path point is L_lambda = 0";
            out.set(Metric.PATH_LAMBDA, loc == null ? Double.NaN : loc.lambda(), why);
            out.set(Metric.PATH_GAP, loc == null ? Double.NaN : loc.gap(), why);
        }
        String notObjective = "the run did not minimise the UFM objective with weight decay (no L_lambda of its own)";
        if (target == null || !target.available()) {
            String why = target == null ? notObjective : target.reason();
            for (Metric m : List.of(Metric.TARGET_DIST, Metric.TARGET_GRAM_W, Metric.TARGET_GRAM_H)) if (wc != null || m == Metric.TARGET_DIST) out.setNa(m, why);
            return;
        }
        PathReference.Point p = target.point();
        out.set(Metric.TARGET_DIST, MatrixMetrics.diffNorm(lc, p.logits()) / p.norm());
        if (wc != null) {
            out.set(Metric.TARGET_GRAM_W, GramGap.of(wc.transpose(), target.svd().u(), target.svd().s()), "Wc = 0");
            out.set(Metric.TARGET_GRAM_H, GramGap.ofRight(h, target.svd()), "H = 0");
        }
    }

    /** Cosines of the sampled context embeddings (columns of H), ordered like {@link #contextSample()}. */
    public Matrix contextCosines(Matrix h) {
        return MatrixMetrics.columnCosines(h, contextSample);
    }

    /** Cosines of the sampled rows of the centred word embeddings Wc. */
    public Matrix wordCosines(Matrix w) {
        return MatrixMetrics.rowCosines(MatrixMetrics.selectRows(MatrixMetrics.centred(w), wordSample));
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
        Matrix vs = MatrixMetrics.scaleColumns(sp.vRows(cols), MatrixMetrics.sqrt(sp.s()));
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
