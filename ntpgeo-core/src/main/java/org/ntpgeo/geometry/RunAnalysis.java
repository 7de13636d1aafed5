package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.BlasThreads;

/**
 * Everything measured on one run: the series of checkpoint metrics, the claims, and the final checkpoint's
 * matrices needed for figures (cosine matrices, logits, spectra).
 */
public record RunAnalysis(RunReader.TrainingRun run, NtpDataset dataset, TheoryReference reference,
                          List<CheckpointMetrics> series, List<Claims.Claim> claims, FinalSnapshot snapshot,
                          List<String> notes, double seconds) {

    /** The final checkpoint's geometry beside the predictions (cosines ordered by support class). */
    public record FinalSnapshot(long epoch, Matrix contextCos, Matrix contextCosLmm, Matrix contextCosStilde,
                                Matrix wordCos, Matrix wordCosLmm, Matrix wordCosStilde, int[] contextOrder, int[] wordOrder,
                                Matrix logits, double[] spectrumL, double[] spectrumLmm, double[] spectrumStilde) {}

    public CheckpointMetrics last() {
        return series.get(series.size() - 1);
    }

    /** Analyse every checkpoint of {@code run} against {@code ref}. */
    public static RunAnalysis analyze(RunReader.TrainingRun run, NtpDataset ds, TheoryReference ref, ProgressListener progress) {
        // small matrices: one BLAS thread (a thread pool on tiny products mostly waits, badly so on a shared machine)
        boolean small = (long) ds.vocabSize() * ds.contextCount() < SMALL_PROBLEM_CELLS;
        try (BlasThreads scope = small ? BlasThreads.single() : null) {
            return analyzeWithCurrentThreads(run, ds, ref, progress);
        }
    }

    /** Below this V*m, analysis runs BLAS single-threaded. */
    static final long SMALL_PROBLEM_CELLS = 1_000_000L;

    private static RunAnalysis analyzeWithCurrentThreads(RunReader.TrainingRun run, NtpDataset ds, TheoryReference ref, ProgressListener progress) {
        long t0 = System.nanoTime();
        if (run.checkpoints().isEmpty()) throw new UserError("run " + run.dir() + " has no checkpoints (checkpoints/epoch-NNNNNN.npz)");
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 12345L);
        List<CheckpointMetrics> series = new ArrayList<>();
        RunReader.Checkpoint lastCp = null;
        int n = run.checkpoints().size();
        try (Progress bar = progress.startIf(n > 3, "analyze", n)) {
            for (int i = 0; i < n; i++) {
                RunReader.Checkpoint cp = RunReader.load(run.checkpoints().get(i), ds.vocabSize(), ds.contextCount());
                series.add(an.analyze(cp, i == n - 1));
                lastCp = cp;
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
        FinalSnapshot snap = snapshot(an, ref, lastCp);
        return new RunAnalysis(run, ds, ref, series, Claims.evaluate(series.get(0), last), snap, notes, (System.nanoTime() - t0) / 1e9);
    }

    static FinalSnapshot snapshot(CheckpointAnalyzer an, TheoryReference ref, RunReader.Checkpoint cp) {
        boolean f = cp.w() != null && cp.h() != null && cp.l().isFinite() && cp.w().isFinite() && cp.h().isFinite();
        double[] sl = cp.l().isFinite() ? CheckpointAnalyzer.singularValues(cp.l()) : null;
        return new FinalSnapshot(cp.epoch(), f ? an.contextCosines(cp.h()) : null, an.predictedContextCosines(true),
                an.predictedContextCosines(false), f ? an.wordCosines(cp.w()) : null, an.predictedWordCosines(true),
                an.predictedWordCosines(false), an.contextSample(), an.wordSample(), cp.l(), sl,
                CheckpointAnalyzer.singularValues(ref.lmm()), CheckpointAnalyzer.singularValues(ref.sTilde()));
    }
}
