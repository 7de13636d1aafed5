package org.ntpgeo.reproduce;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.io.Json;

/** End to end at test scale: synthetic data, NTP-SVM*, path, a short UFM run, analysis, reports, index. */
class SyntheticReproductionTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryReportWithFiniteClaims() throws Exception {
        Path out = tmp.resolve("out");
        RunSettings s = new RunSettings(Scale.TEST, null, ProgressListener.NONE, 1, 0);
        Reproduction.Outcome o = Reproduction.run("test", List.of(new SyntheticExperiment()), out, false, s, List.of());
        assertEquals(out.toAbsolutePath().normalize().resolve("index.html"), o.index());
        assertTrue(o.failures().isEmpty(), () -> o.failures().toString());
        Path exp = out.resolve("synthetic");
        for (String f : List.of("index.html", "summary.json", "synthetic/experiment.json", "synthetic/data/dataset.npz",
                "synthetic/svm/lmm.npy", "synthetic/path/path.csv", "synthetic/runs/ufm/run.json",
                "synthetic/reports/ufm/index.html", "synthetic/compare/index.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        ExperimentResult r = o.results().get(0);
        RunOutcome ufm = r.runs().get(0);
        assertEquals("ufm", ufm.label());
        assertEquals("completed", ufm.status());
        assertEquals(4, ufm.claims().size());
        // every claim is measured, or n/a with its reason (at test scale the path's iteration cap is low, so L_lambda at
        // the UFM's weight decay may be unavailable)
        for (Claims.Claim c : ufm.claims()) {
            assertTrue(Double.isFinite(c.value()) || (c.verdict() == Claims.Verdict.NA && c.measured().contains("unavailable: ")), c.id() + " " + c.measured());
        }
        assertTrue(Double.isFinite(ufm.claims().get(1).value()) && Double.isFinite(ufm.claims().get(3).value()), "C2 and C4 are measured");
        // index page links the report and shows the claims
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("synthetic/reports/ufm/index.html"));
        assertTrue(index.contains("C4"));
        // the run points at the dataset's final place (not the staging directory): relative to the run
        JsonNode run = Json.read(exp.resolve("runs/ufm/run.json"));
        assertEquals("../../data", run.path("data").asText());
        assertEquals(exp.toAbsolutePath().normalize().resolve("data"),
                org.ntpgeo.run.RunFiles.open(exp.resolve("runs/ufm"), null).dataDir());
        // experiment.json holds the same claims
        JsonNode ej = Json.read(exp.resolve("experiment.json"));
        assertEquals(4, ej.path("runs").get(0).path("claims").size());
        assertEquals(16, ej.path("dataset").path("m").asInt());
        // without --force an existing output is refused and left alone
        assertThrows(UserError.class, () -> Reproduction.run("test", List.of(new SyntheticExperiment()), out, false, s, List.of()));
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        // no staging directory left behind
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList());
        }
    }
}
