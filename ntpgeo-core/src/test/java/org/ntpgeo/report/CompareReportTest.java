package org.ntpgeo.report;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.Fixtures;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.io.Json;

class CompareReportTest {
    @TempDir
    Path tmp;

    @Test
    void twoRunsOnOnePage() throws Exception {
        NtpDataset ds = Fixtures.symmetric(5, 2, 2, 8);
        Path data = Fixtures.writeDataset(tmp.resolve("data"), ds);
        TheoryReference ref = TheoryReference.of(ds, Fixtures.centeredSupport(ds), -1, "S~ (Prop. 2)");
        List<RunAnalysis> runs = new ArrayList<>();
        for (double lr : new double[] {0.5, 2.0}) {
            Path run = Fixtures.newRun(tmp.resolve("run"), data, "ufm");
            if (lr == 2.0) run = Fixtures.newRun(tmp.resolve("other").resolve("run"), data, "ufm"); // same label "run": must be de-duplicated
            Fixtures.ufmGradientDescent(run, ds, 6, lr, new long[] {0, 10, 100, 400}, 3);
            runs.add(RunAnalysis.analyze(RunReader.open(run, null), ds, ref, ProgressListener.NONE));
        }
        Path out = tmp.resolve("cmp");
        CompareReport.write(runs, out, false);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(Files.exists(out.resolve("series-run.csv")));
        assertTrue(Files.exists(out.resolve("series-run-2.csv")));
        Matcher mt = Pattern.compile("src=\"(figures/[^\"]+)\"").matcher(html);
        int n = 0;
        while (mt.find()) {
            assertTrue(Files.size(out.resolve(mt.group(1))) > 1000);
            n++;
        }
        assertTrue(n >= 8, "figures: " + n);
        JsonNode j = Json.read(out.resolve("metrics.json"));
        assertEquals(2, j.get("runs").size());
        assertEquals(400, j.get("runs").get("run-2").get("final_epoch").asLong());
    }
}
