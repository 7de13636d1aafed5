package org.ntpgeo.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.ResourceLimitException;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;

/**
 * A reproduction keeps going when an experiment or a run fails, and keeps the cause (exception class, message, first
 * frames, a log with the stack trace) in experiment.json, summary.json and on the index page; a diverged run and a
 * failed run are told apart.
 */
class ReproductionFailuresTest {
    @TempDir
    Path tmp;

    /** An experiment whose dataset step throws (a bug inside an experiment). */
    static final class Broken implements Experiment {
        public String name() {
            return "broken";
        }

        public String title() {
            return "throws while preparing";
        }

        public String paper() {
            return "-";
        }

        public List<String> prepare(Path dataDir, RunSettings settings) {
            throw new IllegalStateException("the recipe fell over");
        }

        public List<ModelRun> models(NtpDataset ds, RunSettings settings) {
            return List.of();
        }

        public PathPlan path(NtpDataset ds, RunSettings settings) {
            return null;
        }
    }

    /** The UFM-simulation data with three runs: one that trains, one that diverges, one too large for any memory. */
    static final class Runs implements Experiment {
        public String name() {
            return "runs";
        }

        public String title() {
            return "good, diverging and failing runs";
        }

        public String paper() {
            return "-";
        }

        public List<String> prepare(Path dataDir, RunSettings settings) {
            DatasetFiles.write(dataDir, UfmSimulationData.dataset(), UfmSimulationData.provenance());
            return List.of();
        }

        public List<ModelRun> models(NtpDataset ds, RunSettings s) {
            TrainingOptions.Builder ok = TrainingOptions.builder("ufm").dim(10).epochs(20).optimizer(OptimizerKind.ADAM).learningRate(0.02)
                    .threads(1);
            TrainingOptions.Builder explodes = TrainingOptions.builder("ufm").dim(10).epochs(20).optimizer(OptimizerKind.GD).learningRate(1e12)
                    .threads(1);
            TrainingOptions.Builder huge = TrainingOptions.builder("ufm").dim(1_000_000_000).epochs(2).threads(1);
            return List.of(new ModelRun("ok", ok, LogSchedule.logSpaced(), "trains"),
                    new ModelRun("explodes", explodes, LogSchedule.logSpaced(), "diverges"),
                    new ModelRun("huge", huge, LogSchedule.logSpaced(), "refused by the memory preflight"));
        }

        public PathPlan path(NtpDataset ds, RunSettings settings) {
            return null;
        }
    }

    @Test
    void failuresAreRecordedWithTheirCauseAndTheRestStillRuns() throws Exception {
        Path out = tmp.resolve("out");
        RunSettings s = new RunSettings(Scale.TEST, null, org.ntpgeo.common.ProgressListener.NONE, 1, 0);
        List<Reproduction.Skipped> skipped = List.of(new Reproduction.Skipped("needs-text", "a corpus experiment", "no corpus",
                "./ntpgeo reproduce needs-text --corpus FILE --out x"));
        Reproduction.Outcome o = Reproduction.run("test", List.of(new Broken(), new Runs()), skipped, out, false, s, List.of());

        // the broken experiment: cause with class, message, frames and a log; the other experiment still ran
        assertEquals(1, o.failures().size());
        Cause c = o.failures().get(0).cause();
        assertEquals("java.lang.IllegalStateException", c.exception());
        assertEquals("the recipe fell over", c.message());
        assertTrue(c.at().get(0).contains("Broken.prepare"), c.at().toString());
        String log = Files.readString(out.resolve("broken").resolve(c.log()));
        assertTrue(log.contains("IllegalStateException: the recipe fell over") && log.contains("Broken.prepare"), log);
        JsonNode bj = Json.read(out.resolve("broken/experiment.json"));
        assertEquals("failed", bj.path("status").asText());
        assertEquals("java.lang.IllegalStateException", bj.path("cause").path("exception").asText());
        assertEquals("logs/experiment.log", bj.path("cause").path("log").asText());

        // the runs: completed, diverged (no cause: the trainer stopped it), failed (cause: the preflight's exception)
        ExperimentResult r = o.results().get(0);
        assertEquals(List.of("completed", "diverged", "failed"), r.runs().stream().map(RunOutcome::status).toList());
        assertNull(r.runs().get(0).cause());
        assertNull(r.runs().get(1).cause());
        Cause huge = r.runs().get(2).cause();
        assertEquals(ResourceLimitException.class.getName(), huge.exception());
        assertEquals("training", huge.stage());
        assertTrue(Files.readString(out.resolve("runs").resolve(huge.log())).contains("ResourceLimitException"));
        assertTrue(o.notConverged(), "a diverged run counts as not converged");
        assertEquals(2, o.exceptions().size());
        assertTrue(o.exceptions().get(1) instanceof ResourceLimitException);
        assertEquals(3, o.problems().size(), o.problems().toString());

        JsonNode ej = Json.read(out.resolve("runs/experiment.json"));
        assertEquals("completed with problems", ej.path("status").asText());
        assertEquals(2, ej.path("problems").size());
        assertTrue(ej.path("runs").get(0).path("cause").isNull());
        assertEquals(ResourceLimitException.class.getName(), ej.path("runs").get(2).path("cause").path("exception").asText());
        JsonNode sj = Json.read(out.resolve("summary.json"));
        assertEquals("the recipe fell over", sj.path("failures").get(0).path("cause").path("message").asText());
        assertEquals("needs-text", sj.path("skipped").get(0).path("name").asText());
        assertEquals("diverged", sj.path("experiments").get(0).path("runs").path("explodes").path("status").asText());

        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("IllegalStateException: the recipe fell over"), "experiment cause on the index page");
        assertTrue(index.contains("broken/logs/experiment.log"), "link to its log");
        assertTrue(index.contains("ResourceLimitException"), "run cause on the index page");
        assertTrue(index.contains("runs/logs/huge-training.log"));
        assertTrue(index.contains("./ntpgeo reproduce needs-text --corpus FILE --out x"), "the skipped experiment's command");
        String text = SummaryText.of(o);
        assertTrue(text.contains("broken") && text.contains("FAILED: IllegalStateException: the recipe fell over"), text);
        assertTrue(text.contains("not run: no corpus") && text.contains("./ntpgeo reproduce needs-text"), text);
    }

    @Test
    void aCleanReproductionHasNoProblems() {
        Path out = tmp.resolve("clean");
        RunSettings s = new RunSettings(Scale.TEST, null, org.ntpgeo.common.ProgressListener.NONE, 1, 0);
        Reproduction.Outcome o = Reproduction.run("test", List.of(new UfmSimulationExperiment()), out, false, s, List.of());
        assertEquals(List.of(), o.problems());
        assertEquals(List.of(), o.exceptions());
        assertFalse(o.notConverged());
    }
}
