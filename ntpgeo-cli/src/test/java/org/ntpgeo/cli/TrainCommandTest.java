package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;

class TrainCommandTest {
    @TempDir
    Path tmp;

    private Path dataset() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("data"));
        NtpDataset ds = NtpDataset.fromColumns(4, List.of(Map.of(0, 2L, 1, 1L), Map.of(2, 3L), Map.of(1, 1L, 3, 1L)), null);
        DatasetFiles.write(d, ds, null);
        return d;
    }

    @Test
    void trainsResumesAndMapsFailuresToExitCodes() throws Exception {
        Path data = dataset();
        String run = tmp.resolve("run").toString();
        assertEquals(0, Ntpgeo.run("train", "--data", data.toString(), "--out", run, "--dim", "4", "--epochs", "10", "--optimizer", "adam",
                "--lr", "0.1", "--no-progress"));
        JsonNode json = Json.read(Path.of(run, "run.json"));
        assertEquals("completed", json.get("status").asText());
        assertEquals(4, json.get("provenance").get("options").get("dim").asInt());
        assertEquals(2, Ntpgeo.run("train", "--data", data.toString(), "--out", run, "--no-progress"), "existing run dir");
        assertEquals(0, Ntpgeo.run("train", "--resume", run, "--epochs", "20", "--no-progress"));
        assertEquals(20, Json.read(Path.of(run, "run.json")).get("final").get("epoch").asInt());
        assertEquals(2, Ntpgeo.run("train", "--data", tmp.toString(), "--out", tmp.resolve("x").toString(), "--no-progress"), "not a dataset");
        assertEquals(2, Ntpgeo.run("train", "--data", data.toString(), "--out", tmp.resolve("y").toString(), "--batch", "zero"));
        assertEquals(3, Ntpgeo.run("train", "--data", data.toString(), "--out", tmp.resolve("div").toString(), "--optimizer", "gd",
                "--lr", "1e30", "--epochs", "50", "--log-every", "1", "--no-progress"), "divergence exits with 3");
        assertTrue(Files.exists(tmp.resolve("div/checkpoints/epoch-000000.npz")));
        assertEquals("diverged", Json.read(tmp.resolve("div/run.json")).get("status").asText());
    }
}
