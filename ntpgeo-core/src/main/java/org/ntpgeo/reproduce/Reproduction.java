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
 * An experiment that throws is recorded on the index page and the others still run.
 */
public final class Reproduction {
    /** The outcome: the index page (at its final place) and the per-experiment results. */
    public record Outcome(Path index, List<ExperimentResult> results, List<IndexPage.Failure> failures, double seconds, boolean replaced) {}

    private Reproduction() {}

    /**
     * @param replace replace an existing {@code out} (atomically, at the end); otherwise an existing {@code out} is a
     *                user error
     */
    public static Outcome run(String heading, List<Experiment> experiments, Path out, boolean replace, RunSettings settings,
                              List<String> extraNotes) {
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
                try {
                    results.add(new ExperimentPipeline(settings).run(e, dir.path().resolve(e.name())));
                } catch (UserError ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    String msg = ex.getClass().getSimpleName() + ": " + ex.getMessage();
                    settings.say("[" + e.name() + "] FAILED: " + msg);
                    failures.add(new IndexPage.Failure(e.name(), e.title(), msg, (System.nanoTime() - a) / 1e9));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            AtomicFiles.writeString(dir.path().resolve("index.html"), IndexPage.html(heading, results, failures, seconds, notes));
            Json.write(dir.path().resolve("summary.json"), settings.provenance("ntpgeo reproduce").addTo((ObjectNode) FiniteJson.clean(summary(results, failures, seconds, settings))));
            dir.commit();
            return new Outcome(target.resolve("index.html"), results, failures, seconds, existed);
        }
    }

    static ObjectNode summary(List<ExperimentResult> results, List<IndexPage.Failure> failures, double seconds, RunSettings s) {
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
                j.put("train_seconds", ro.trainSeconds());
                ObjectNode c = j.putObject("claims");
                for (var cl : ro.claims()) c.put(cl.id(), cl.verdict().text);
            }
            e.put("report", r.name() + "/experiment.json");
        }
        ArrayNode f = o.putArray("failures");
        for (IndexPage.Failure x : failures) f.addObject().put("name", x.name()).put("error", x.error()).put("seconds", x.seconds());
        return o;
    }
}
