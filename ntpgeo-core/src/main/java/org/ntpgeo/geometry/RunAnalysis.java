package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.BlasThreads;
import org.ntpgeo.linalg.Matrix;

/**
 * Everything measured on one run: the series of checkpoint metrics, the claims, and the final checkpoint's
 * matrices needed for figures (cosine matrices, logits, spectra).
 */
public record RunAnalysis(RunReader.TrainingRun run, NtpDataset dataset, TheoryReference reference, PathReference path,
                          Claims.Context context, List<CheckpointMetrics> series, List<Claims.Claim> claims, FinalSnapshot snapshot,
                          List<String> notes, double seconds) {

    /**
     * The final checkpoint's geometry beside the predictions (cosines ordered by support class; word cosines and
     * logits centred), and the C4 null values of the final checkpoint.
     */
    public record FinalSnapshot(long epoch, Matrix contextCos, Matrix contextCosLmm, Matrix contextCosStilde,
                                Matrix wordCos, Matrix wordCosLmm, Matrix wordCosStilde, int[] contextOrder, int[] wordOrder,
                                Matrix logits, double[] spectrumL, double[] spectrumLmm, double[] spectrumStilde, double[] collapseNull) {}

    public CheckpointMetrics last() {
        return series.get(series.size() - 1);
    }

    /** Analyse every checkpoint of {@code run} against {@code ref}, without a regularisation path. */
    public static RunAnalysis analyze(RunReader.TrainingRun run, NtpDataset ds, TheoryReference ref, ProgressListener progress) {
        return analyze(run, ds, ref, PathReference.none("no path was requested"), progress);
    }

    /** Analyse every checkpoint of {@code run} against {@code ref} and the regularisation path {@code path}. */
    public static RunAnalysis analyze(RunReader.TrainingRun run, NtpDataset ds, TheoryReference ref, PathReference path,
                                      ProgressListener progress) {
        // small matrices: one BLAS thread (a thread pool on tiny products mostly waits, badly so on a shared machine)
        boolean small = (long) ds.vocabSize() * ds.contextCount() < SMALL_PROBLEM_CELLS;
        try (BlasThreads scope = small ? BlasThreads.single() : null) {
            return analyzeWithCurrentThreads(run, ds, ref, path, progress);
        }
    }

    /** Below this V*m, analysis runs BLAS single-threaded. */
    static final long SMALL_PROBLEM_CELLS = 1_000_000L;

    private static RunAnalysis analyzeWithCurrentThreads(RunReader.TrainingRun run, NtpDataset ds, TheoryReference ref, PathReference path,
                                                         ProgressListener progress) {
        long t0 = System.nanoTime();
        if (run.checkpoints().isEmpty()) throw new UserError("run " + run.dir() + " has no checkpoints (checkpoints/epoch-NNNNNN.npz)");
        OptionalDouble lambda = run.ufmLambda();
        PathReference.Target target = lambda.isPresent() ? path.target(lambda.getAsDouble()) : null;
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, path, target, SEED);
        List<CheckpointMetrics> series = new ArrayList<>();
        RunReader.Checkpoint lastCp = null;
        int n = run.checkpoints().size();
        try (Progress bar = progress.startIf(n > 3, "analyze", n)) {
            for (int i = 0; i < n; i++) {
                RunReader.Checkpoint cp = RunReader.load(run.checkpoints().get(i), ds.vocabSize(), ds.contextCount());
                series.add(an.analyze(cp, i == n - 1));
                if (i == n - 1) lastCp = cp; // one checkpoint alive at a time (AnalysisMemory)
                bar.update(i + 1, "epoch " + cp.epoch());
            }
        }
        List<String> notes = new ArrayList<>(an.notes());
        String hashWarning = RunReader.datasetHashWarning(run);
        if (hashWarning != null) notes.add(0, hashWarning);
        notes.add("L_mm: " + ref.lmmSource() + "; rank " + ref.lmmSvd().rank() + ", nuclear norm " + Claims.fmt(ref.lmmSvd().nuclearNorm())
                + ". S~: rank " + ref.sTildeSvd().rank() + ", nuclear norm " + Claims.fmt(ref.sTildeSvd().nuclearNorm()) + ".");
        CheckpointMetrics last = series.get(series.size() - 1);
        if (last.has(Metric.FACTOR_RESIDUAL) && last.get(Metric.FACTOR_RESIDUAL) > 1e-6) {
            notes.add("Warning: L differs from W H (relative residual " + Claims.fmt(last.get(Metric.FACTOR_RESIDUAL))
                    + "), e.g. an output layer with bias; embedding metrics describe W and H, logit metrics describe L.");
        }
        String objective = UfmObjective.describe(run.model(), run.optimizer(), run.weightDecay());
        notes.add("Claims C1/C3: " + objective + ". Path: " + path.description() + ".");
        if (target != null && !target.available()) notes.add("L_lambda for this run is unavailable: " + target.reason() + ".");
        if (last.has(Metric.CENTRING_SHARE) && last.get(Metric.CENTRING_SHARE) > 0.1) {
            notes.add("The per-context constant that softmax ignores is " + Claims.fmt(last.get(Metric.CENTRING_SHARE))
                    + " of ||L||_F; every gap, Gram gap, SSIM and heatmap uses the centred Lc = (I - 11^T/V) L and Wc = (I - 11^T/V) W.");
        }
        Claims.Context ctx = new Claims.Context(lambda, objective, target, position(path, ref, last), path.description(),
                Math.log(ds.vocabSize()) - ds.entropy());
        FinalSnapshot snap = snapshot(an, ref, lastCp, last);
        return new RunAnalysis(run, ds, ref, path, ctx, series, Claims.evaluate(series, ctx), snap, notes, (System.nanoTime() - t0) / 1e9);
    }

    /** Seed of the samples and permutations of the analysis (fixed: reports are reproducible). */
    static final long SEED = 12345L;

    /** The final checkpoint's path position with the theory's own numbers there (Gram gaps from one SVD of L_lambda). */
    static Claims.Position position(PathReference path, TheoryReference ref, CheckpointMetrics last) {
        if (!last.has(Metric.PATH_LAMBDA)) return Claims.Position.NONE;
        PathReference.Point p = path.at(last.get(Metric.PATH_LAMBDA));
        if (p == null) return Claims.Position.NONE;
        TheoryReference.Spectral sp = TheoryReference.Spectral.of(p.logits(), -1);
        TheoryReference.Spectral mm = ref.lmmSvd();
        return new Claims.Position(p.lambda(), last.get(Metric.PATH_GAP), p.gapLmm(), p.gapResidualLmm(),
                GramGap.between(sp.u(), sp.s(), mm.u(), mm.s()), GramGap.betweenRight(sp, mm));
    }

    static FinalSnapshot snapshot(CheckpointAnalyzer an, TheoryReference ref, RunReader.Checkpoint cp, CheckpointMetrics last) {
        boolean f = cp.w() != null && cp.h() != null && cp.l().isFinite() && cp.w().isFinite() && cp.h().isFinite();
        Matrix lc = cp.l(); // centred in place by CheckpointAnalyzer.analyze (centring twice changes nothing)
        CheckpointAnalyzer.centreInPlace(lc);
        double[] sl = lc.isFinite() ? CheckpointAnalyzer.singularValues(lc) : null;
        return new FinalSnapshot(cp.epoch(), f ? an.contextCosines(cp.h()) : null, an.predictedContextCosines(true),
                an.predictedContextCosines(false), f ? an.wordCosines(cp.w()) : null, an.predictedWordCosines(true),
                an.predictedWordCosines(false), an.contextSample(), an.wordSample(), lc, sl,
                ref.lmmSvd().s().clone(), ref.sTildeSvd().s().clone(), last.collapseNull());
    }
}
