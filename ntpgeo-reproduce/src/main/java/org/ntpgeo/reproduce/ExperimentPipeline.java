package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.ReferenceLoader;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.geometry.UfmObjective;
import org.ntpgeo.io.Json;
import org.ntpgeo.report.AnalysisReport;
import org.ntpgeo.report.CompareReport;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.PathOptions;
import org.ntpgeo.theory.PathResult;
import org.ntpgeo.theory.RegularizationPath;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;
import org.ntpgeo.train.Trainer;
import org.ntpgeo.train.TrainingOptions;

/**
 * Runs one experiment into a directory:
 * <pre>
 *   EXP/data/        dataset.npz + dataset.json
 *   EXP/svm/         lmm.npy, dual.npy, svm.json (NTP-SVM*)
 *   EXP/path/        path.csv, lambda-K.npy, path.json (regularisation path: the plan's lambdas plus each UFM run's
 *                    weight decay lambda and lambda * 10^(+-1/2), the reference of claims C1/C3)
 *   EXP/runs/MODEL/  training runs (run.json, metrics.csv, checkpoints/)
 *   EXP/reports/MODEL/index.html   one analysis report per run (claims table C1-C4)
 *   EXP/compare/index.html         all runs of the experiment on one page
 *   EXP/experiment.json            everything measured (also shown on the index page)
 *   EXP/logs/LABEL-STAGE.log       the stack trace of a run whose training or analysis threw
 * </pre>
 * A run that fails (or whose model kind is not on the class path) is recorded, with its {@link Cause}, and the
 * experiment goes on.
 */
public final class ExperimentPipeline {
    private final RunSettings settings;
    private final java.util.Set<String> availableModels;

    public ExperimentPipeline(RunSettings settings) {
        this.settings = settings;
        this.availableModels = ModelAvailability.kinds();
    }

    public ExperimentResult run(Experiment e, Path expDir) {
        long t0 = System.nanoTime();
        ObjectNode phases = Json.object();
        List<String> notes = new ArrayList<>();
        settings.say("[" + e.name() + "] building the dataset");
        Path dataDir = mkdirs(expDir.resolve("data"));
        notes.addAll(e.prepare(dataDir, settings));
        NtpDataset ds = DatasetFiles.read(dataDir);
        DatasetSummary summary = DatasetSummary.of(ds);
        long t1 = System.nanoTime();
        phases.put("data", (t1 - t0) / 1e9);
        settings.say(String.format(Locale.ROOT, "[%s] V=%d m=%d n=%d H=%.4f; solving NTP-SVM*", e.name(), summary.vocabSize(),
                summary.contexts(), summary.pairs(), summary.entropy()));

        SvmSolution svm = NtpSvmSolver.solve(ds, SvmOptions.defaults().withProgress(settings.progress()).withTimeLimit(600));
        svm.write(mkdirs(expDir.resolve("svm")));
        if (!svm.converged()) notes.add("NTP-SVM* did not converge within its limits; L_mm is approximate (svm/svm.json).");
        long t2 = System.nanoTime();
        phases.put("svm", (t2 - t1) / 1e9);

        List<PathResult.Point> path = null;
        PathReference pathRef = PathReference.none("this experiment solves no regularisation path");
        PathPlan plan = e.path(ds, settings);
        List<ModelRun> models = e.models(ds, settings);
        if (plan != null) {
            // the plan's grid plus, for every UFM run on the UFM objective, its lambda and lambda * 10^(+-1/2) (claims C1/C3)
            double[] runLambdas = models.stream().filter(r -> !r.neural()).map(ModelRun::options)
                    .mapToDouble(o -> UfmObjective.lambda(o.model(), o.optimizer().id(), o.weightDecay()).orElse(Double.NaN)).toArray();
            double[] lambdas = PathReference.lambdasFor(plan.lambdas(), runLambdas);
            settings.say("[" + e.name() + "] solving the regularisation path (" + lambdas.length + " lambdas)");
            // L_mm expanded once, for the path solver (it works per context)
            PathOptions po = PathOptions.defaults().withLmm(svm.lmm()).withTimeLimit(plan.timeLimitSeconds())
                    .withMaxIterations(plan.maxIterations()).withProgress(settings.progress());
            PathResult pr = RegularizationPath.solve(ds, lambdas, po);
            pr.write(mkdirs(expDir.resolve("path")));
            path = pr.points();
            String desc = "the experiment's path (path/path.csv): " + pr.points().size() + " of " + lambdas.length + " lambdas";
            if (pr.points().size() < lambdas.length) {
                notes.add("Regularisation path: time limit " + plan.timeLimitSeconds() + " s reached after " + pr.points().size()
                        + " of " + lambdas.length + " lambdas.");
                desc += ", time limit " + plan.timeLimitSeconds() + " s reached";
            }
            if (!pr.allConverged()) {
                notes.add("Regularisation path: some lambdas hit the iteration cap (path/path.csv, column converged).");
                desc += ", some lambdas hit the iteration cap";
            }
            pathRef = PathReference.of(pr, ds, ReferenceLoader.classLevelLmm(svm), desc);
        }
        long t3 = System.nanoTime();
        phases.put("path", (t3 - t2) / 1e9);

        TheoryReference ref = TheoryReference.of(ds, ReferenceLoader.classLevelLmm(svm), svm.rank(), lmmSource(svm));
        List<RunOutcome> outcomes = new ArrayList<>();
        List<RunAnalysis> analyses = new ArrayList<>();
        // training: runs whose model is missing are skipped; the others train (see train), then each is analysed in order
        List<ModelRun> runnable = new ArrayList<>();
        for (ModelRun r : models) if (availableModels.contains(r.model())) runnable.add(r);
        long ta = System.nanoTime();
        List<Trained> trained = train(e, runnable, dataDir, expDir);
        double trainTotal = (System.nanoTime() - ta) / 1e9, analysisTotal = 0;
        java.util.Iterator<Trained> next = trained.iterator();
        for (ModelRun model : models) {
            if (!availableModels.contains(model.model())) {
                String why = "model '" + model.model() + "' is not on the class path (the neural models need module "
                        + "ntpgeo-neural, found through ServiceLoader)";
                notes.add("Skipped " + model.label() + ": " + why + ".");
                outcomes.add(RunOutcome.skipped(model, why));
                continue;
            }
            Trained t = next.next();
            ModelRun r = t.run();
            if (t.cause() != null) {
                outcomes.add(RunOutcome.failed(r, t.cause(), t.seconds()));
                continue;
            }
            Trainer.Result tr = t.result();
            long b = System.nanoTime();
            List<Claims.Claim> claims = List.of();
            String report = null;
            Cause analysisCause = null;
            try {
                RunReader.TrainingRun run = RunReader.open(expDir.resolve("runs").resolve(r.label()), dataDir);
                if (!run.checkpoints().isEmpty()) {
                    settings.say("[" + e.name() + "] analysing " + r.label() + " (" + run.checkpoints().size() + " checkpoints)");
                    RunAnalysis an = RunAnalysis.analyze(run, ds, ref, pathRef, settings.progress());
                    AnalysisReport.write(an, expDir.resolve("reports").resolve(r.label()), false);
                    analyses.add(an);
                    claims = an.claims();
                    report = "reports/" + r.label() + "/index.html";
                }
            } catch (RuntimeException | OutOfMemoryError ex) {
                analysisCause = cause("analysis", r, ex, expDir);
                settings.say("[" + e.name() + "] analysing " + r.label() + " FAILED: " + analysisCause.text());
            }
            long c = System.nanoTime();
            analysisTotal += (c - b) / 1e9;
            outcomes.add(new RunOutcome(r.label(), tr.status().id(), tr.message(), tr.epoch(), tr.ceMinusH(), t.seconds(), (c - b) / 1e9,
                    claims, report, r.expectation(), analysisCause));
        }
        phases.put("train", trainTotal);
        phases.put("analysis", analysisTotal);
        String compare = null;
        if (!analyses.isEmpty()) {
            long a = System.nanoTime();
            CompareReport.write(analyses, expDir.resolve("compare"), false);
            compare = "compare/index.html";
            phases.put("compare", (System.nanoTime() - a) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ExperimentResult result = new ExperimentResult(e.name(), e.title(), e.paper(), summary, svm, path, outcomes, notes, compare,
                seconds, phases);
        Json.write(expDir.resolve("experiment.json"), settings.provenance("ntpgeo reproduce " + e.name()).addTo((ObjectNode) FiniteJson.clean(result.toJson())));
        settings.say(String.format(Locale.ROOT, "[%s] done in %.1f s", e.name(), seconds));
        return result;
    }

    /** A trained run: the trainer's result, or the cause when training threw; its wall time. */
    private record Trained(ModelRun run, Trainer.Result result, Cause cause, double seconds) {}

    /**
     * Trains the runs, in their order in the result. Runs that use all threads (the UFM: native BLAS) train one after
     * the other; the single-threaded runs (the neural models, one intra-op thread each) then train side by side, as many
     * at a time as {@link RunSettings#threads()}, which uses the cores better than intra-op threads at these sizes
     * (docs/NEURAL.md) and changes no number: each run computes exactly what it computes alone.
     */
    private List<Trained> train(Experiment e, List<ModelRun> runs, Path dataDir, Path expDir) {
        Trained[] done = new Trained[runs.size()];
        List<Integer> parallel = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (settings.threads() > 1 && singleThreaded(runs.get(i))) parallel.add(i);
            else done[i] = trainOne(e, runs.get(i), dataDir, expDir, settings.progress());
        }
        int workers = Math.min(settings.threads(), parallel.size());
        if (workers <= 1) {
            for (int i : parallel) done[i] = trainOne(e, runs.get(i), dataDir, expDir, settings.progress());
        } else {
            settings.say("[" + e.name() + "] training " + String.join(", ", parallel.stream().map(i -> runs.get(i).label()).toList())
                    + " side by side (" + workers + " at a time, one thread each)");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, task -> {
                Thread t = new Thread(task, "ntpgeo-reproduce-train");
                t.setDaemon(true);
                return t;
            });
            try {
                List<java.util.concurrent.Future<Trained>> futures = new ArrayList<>();
                // no progress bars from parallel runs (they would garble the terminal): a line when each ends
                for (int i : parallel) futures.add(pool.submit(() -> trainOne(e, runs.get(i), dataDir, expDir, ProgressListener.NONE)));
                for (int k = 0; k < parallel.size(); k++) done[parallel.get(k)] = join(futures.get(k));
            } finally {
                pool.shutdownNow();
            }
        }
        return List.of(done);
    }

    private static boolean singleThreaded(ModelRun r) {
        try {
            return r.options().threads() == 1;
        } catch (RuntimeException ex) {
            return false; // invalid options fail in trainOne, with their cause
        }
    }

    private static Trained join(java.util.concurrent.Future<Trained> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            // trainOne records every failure itself; anything else is a bug of this class
            throw new IllegalStateException("training task failed: " + ex.getCause(), ex.getCause());
        }
    }

    private Trained trainOne(Experiment e, ModelRun r, Path dataDir, Path expDir, ProgressListener progress) {
        Path runDir = expDir.resolve("runs").resolve(r.label());
        long a = System.nanoTime();
        try {
            TrainingOptions o = r.options();
            mkdirs(runDir.getParent());
            settings.say("[" + e.name() + "] training " + r.label() + " (" + o.epochs() + " epochs)");
            Trainer.Result tr = new Trainer(progress).train(dataDir, o, runDir);
            double s = (System.nanoTime() - a) / 1e9;
            settings.say(String.format(Locale.ROOT, "[%s] %s: %s after %d epochs in %.0f s, CE - H = %.3g", e.name(), r.label(),
                    tr.status().id(), tr.epoch(), s, tr.ceMinusH()));
            return new Trained(r, tr, null, s);
        } catch (RuntimeException | OutOfMemoryError ex) {
            Cause cause = cause("training", r, ex, expDir);
            settings.say("[" + e.name() + "] training " + r.label() + " FAILED: " + cause.text());
            return new Trained(r, null, cause, (System.nanoTime() - a) / 1e9);
        }
    }

    private static Cause cause(String stage, ModelRun r, Throwable ex, Path expDir) {
        String log = "logs/" + r.label() + "-" + stage + ".log";
        return Cause.of(stage, ex, expDir.resolve(log), log);
    }

    static String lmmSource(SvmSolution s) {
        StringBuilder b = new StringBuilder("NTP-SVM* (method ").append(s.method());
        if (s.certified()) b.append(", S~ proved optimal by the Prop. 3 certificate");
        if (Double.isFinite(s.relativeDualityGap())) b.append(String.format(Locale.ROOT, ", relative duality gap %.2e", s.relativeDualityGap()));
        if (!s.converged()) b.append(", NOT CONVERGED: L_mm is approximate");
        return b.append(')').toString();
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + p + ": " + ex.getMessage(), ex);
        }
    }

    /** Rejects an unknown experiment name with the list of known ones. */
    static UserError unknown(String name) {
        return new UserError("unknown experiment '" + name + "' (choose " + String.join(", ", Experiments.NAMES) + " or all)");
    }
}
