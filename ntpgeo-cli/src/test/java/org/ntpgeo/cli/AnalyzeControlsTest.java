package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.ControlRuns;
import org.ntpgeo.io.Json;

/**
 * {@code ntpgeo analyze} end to end on a trained weight-decayed UFM (C4 passes) and on the three negative controls
 * (an isotropic fake, the trained embeddings with their columns shuffled, an untrained checkpoint): C4 must not pass.
 */
class AnalyzeControlsTest {
    @TempDir
    Path tmp;

    @Test
    void negativeControlsDoNotPassC4() throws Exception {
        Random rng = new Random(7);
        int[][] supports = {{0, 1}, {1, 2, 3}, {4, 5}, {0, 5, 6}};
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int[] s : supports) {
                Map<Integer, Long> col = new HashMap<>();
                for (int z : s) col.put(z, 1L + rng.nextInt(5));
                cols.add(col);
            }
        }
        NtpDataset ds = NtpDataset.fromColumns(8, cols, null);
        Path data = Files.createDirectories(tmp.resolve("data"));
        DatasetFiles.write(data, ds, null);
        Path ufm = tmp.resolve("ufm");
        assertEquals(0, Ntpgeo.run("train", "--data", data.toString(), "--out", ufm.toString(), "--model", "ufm", "--dim", "12",
                "--epochs", "5000", "--optimizer", "adam", "--lr", "0.02", "--lr-schedule", "cosine", "--weight-decay", "1e-4", "--no-progress"));
        assertEquals("pass", c4(analyze(ufm, "report-ufm")));

        Path iso = tmp.resolve("isotropic"), shuffled = tmp.resolve("shuffled"), untrained = tmp.resolve("untrained");
        ControlRuns.writeIsotropic(iso, data, ds, 12, 0.15, 1);
        ControlRuns.writeShuffledColumns(ufm, shuffled, 2);
        ControlRuns.writeUntrained(untrained, data, ds, 12, 0.1, null, 3);
        for (Path run : List.of(iso, shuffled, untrained)) {
            JsonNode m = analyze(run, "report-" + run.getFileName());
            assertNotEquals("pass", c4(m), run.getFileName() + ": " + m.get("claims").get(3).get("measured").asText());
            assertEquals("fail", c4(m), run.getFileName().toString());
        }
    }

    private JsonNode analyze(Path run, String out) throws Exception {
        Path report = tmp.resolve(out);
        assertEquals(0, Ntpgeo.run("analyze", "--run", run.toString(), "--out", report.toString(), "--path-seconds", "60"));
        assertTrue(Files.exists(report.resolve("index.html")));
        return Json.read(report.resolve("metrics.json"));
    }

    private static String c4(JsonNode metrics) {
        JsonNode c = metrics.get("claims").get(3);
        assertEquals("C4", c.get("id").asText());
        assertTrue(c.get("baseline").has("null_mean"), c.toString());
        return c.get("verdict").asText();
    }
}
