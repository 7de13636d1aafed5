package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;

/**
 * Runs several experiments into one output directory, built in a hidden sibling and moved into place at the end
 * (so an interrupted reproduction leaves nothing half-written):
 * <pre>
 *   DIR/index.html        links every report, with each experiment's claims table and wall time
 *   DIR/summary.json      wall times and claim verdicts per experiment and run
 *   DIR/EXPERIMENT/...    see {@link ExperimentPipeline}
 * </pre>
 * An experiment that throws is recorded with its {@link Cause} (DIR/EXPERIMENT/experiment.json with status failed,
 * DIR/EXPERIMENT/logs/experiment.log, the index page, summary.json) and the others still run. Experiments that were
 * not run (a corpus is needed and none was given) are listed with the command that runs them.
 */
public final class Reproduction {
    /** The outcome: the index page (at its final place) and the per-experiment results. */
    public record Outcome(Path index, List<ExperimentResult> results, List<IndexPage.Failure> failures, List<Skipped> skipped,
                          double seconds, boolean replaced) {
        /** Every problem, one line each: experiments that failed, then runs that failed or diverged (see {@link ExperimentResult#problems()}). */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            for (IndexPage.Failure f : failures) p.add(f.name() + " failed: " + f.cause().text());
            for (ExperimentResult r : results) p.addAll(r.problems());
            return p;
        }

        /** The exceptions behind the problems (experiments and runs), for the caller's exit code. */
        public List<Throwable> exceptions() {
            List<Throwable> t = new ArrayList<>();
            for (IndexPage.Failure f : failures) t.add(f.cause().throwable());
            for (ExperimentResult r : results) {
                for (RunOutcome o : r.runs()) if (o.cause() != null) t.add(o.cause().throwable());
            }
            return t;
        }

        /** True when a run diverged or NTP-SVM* did not converge (the "ran but did not converge" exit code). */
        public boolean notConverged() {
            for (ExperimentResult r : results) {
                if (!r.svm().converged() || r.runs().stream().anyMatch(RunOutcome::diverged)) return true;
            }
            return false;
        }
    }

    /** An experiment that was not run, why, and the command that runs it. */
    public record Skipped(String name, String title, String reason, String command) {}

    private Reproduction() {}

    /**
     * @param replace replace an existing {@code out} (atomically, at the end); otherwise an existing {@code out} is a
     *                user error
     */
    public static Outcome run(String heading, List<Experiment> experiments, Path out, boolean replace, RunSettings settings,
                              List<String> extraNotes) {
        return run(heading, experiments, List.of(), out, replace, settings, extraNotes);
    }

    /** As above, listing {@code skipped} experiments (not run) on the index page and in summary.json. */
    public static Outcome run(String heading, List<Experiment> experiments, List<Skipped> skipped, Path out, boolean replace,
                              RunSettings settings, List<String> extraNotes) {
        if (experiments.isEmpty()) throw new UserError("no experiment to run");
        Path target = out.toAbsolutePath().normalize();
        boolean existed = Files.exists(target);
        if (existed && !replace) throw new UserError("output " + out + " already exists (use --force to replace it)");
        if (existed && !Files.isDirectory(target)) throw new UserError("output " + out + " exists and is not a directory");
        for (Experiment e : experiments) e.check(settings);
        long t0 = System.nanoTime();
        List<ExperimentResult> results = new ArrayList<>();
        List<IndexPage.Failure> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>(extraNotes);
        if (!ModelAvailability.neural()) {
            notes.add("The neural model provider (module ntpgeo-neural) is not on the class path: transformer and LSTM runs are skipped.");
        }
        // Ctrl-C: the command line's shutdown hook deletes the staged tree (AtomicFiles.abortStagedDirectories)
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(target, replace)) {
            for (Experiment e : experiments) {
                long a = System.nanoTime();
                Path expDir = dir.path().resolve(e.name());
                try {
                    results.add(new ExperimentPipeline(settings).run(e, expDir));
                } catch (RuntimeException | OutOfMemoryError ex) {
                    // user errors too (e.g. a corpus too short for a recipe): the other experiments still run
                    Cause cause = Cause.of("experiment", ex, expDir.resolve("logs/experiment.log"), "logs/experiment.log");
                    settings.say("[" + e.name() + "] FAILED: " + cause.text());
                    IndexPage.Failure f = new IndexPage.Failure(e.name(), e.title(), cause, (System.nanoTime() - a) / 1e9);
                    failures.add(f);
                    writeFailure(expDir, f);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            AtomicFiles.writeString(dir.path().resolve("index.html"), IndexPage.html(heading, results, failures, skipped, seconds, notes));
            Json.write(dir.path().resolve("summary.json"), settings.provenance("ntpgeo reproduce")
                    .addTo((ObjectNode) FiniteJson.clean(summary(results, failures, skipped, seconds, settings))));
            dir.commit();
            return new Outcome(target.resolve("index.html"), results, failures, skipped, seconds, existed);
        }
    }

    /** experiment.json of an experiment that threw: its name, status failed and the cause. */
    private static void writeFailure(Path expDir, IndexPage.Failure f) {
        try {
            Files.createDirectories(expDir);
            ObjectNode o = Json.object();
            o.put("format", "ntpgeo-experiment/1");
            o.put("name", f.name());
            o.put("title", f.title());
            o.put("status", "failed");
            o.set("cause", f.cause().toJson());
            o.put("seconds", f.seconds());
            Json.write(expDir.resolve("experiment.json"), o);
        } catch (java.io.IOException | RuntimeException ignored) {
            // the index page and summary.json still carry the cause
        }
    }

    static ObjectNode summary(List<ExperimentResult> results, List<IndexPage.Failure> failures, List<Skipped> skipped, double seconds,
                              RunSettings s) {
        ObjectNode o = Json.object();
        o.put("format", "ntpgeo-reproduction/1");
        o.put("scale", s.scale().name().toLowerCase(java.util.Locale.ROOT));
        o.put("seconds", seconds);
        o.put("threads", s.threads());
        o.put("seed", s.seed());
        ArrayNode ex = o.putArray("experiments");
        for (ExperimentResult r : results) {
            ObjectNode e = ex.addObject();
            e.put("name", r.name());
            e.put("seconds", r.seconds());
            e.set("phase_seconds", r.phaseSeconds());
            e.put("H", r.dataset().entropy());
            e.put("V", r.dataset().vocabSize());
            e.put("m", r.dataset().contexts());
            ObjectNode runs = e.putObject("runs");
            for (RunOutcome ro : r.runs()) {
                ObjectNode j = runs.putObject(ro.label());
                j.put("status", ro.status());
                if (ro.cause() != null) j.set("cause", ro.cause().toJson());
                j.put("train_seconds", ro.trainSeconds());
                ObjectNode c = j.putObject("claims");
                for (var cl : ro.claims()) c.put(cl.id(), cl.verdict().text);
            }
            e.put("report", r.name() + "/experiment.json");
            ArrayNode problems = e.putArray("problems");
            r.problems().forEach(problems::add);
        }
        ArrayNode f = o.putArray("failures");
        for (IndexPage.Failure x : failures) {
            ObjectNode j = f.addObject().put("name", x.name()).put("error", x.cause().text()).put("seconds", x.seconds());
            j.set("cause", x.cause().toJson());
            j.put("report", x.name() + "/experiment.json");
        }
        ArrayNode sk = o.putArray("skipped");
        for (Skipped x : skipped) sk.addObject().put("name", x.name()).put("reason", x.reason()).put("command", x.command());
        return o;
    }
}
