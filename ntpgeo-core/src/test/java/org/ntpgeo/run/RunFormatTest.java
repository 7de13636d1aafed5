package org.ntpgeo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.io.Json;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.Trainer;
import org.ntpgeo.train.TrainingOptions;

/** The ntpgeo-run/1 format: the current layout, and runs written before it (which must keep working). */
class RunFormatTest {
    @TempDir
    Path tmp;

    static NtpDataset dataset(long seed) {
        Random rng = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int j = 0; j < 16; j++) {
            Map<Integer, Long> c = new HashMap<>();
            while (c.size() < 3) c.put(rng.nextInt(30), 1L + rng.nextInt(4));
            cols.add(c);
        }
        return NtpDataset.fromColumns(30, cols, null);
    }

    static Path writeDataset(Path dir, long seed) throws Exception {
        Files.createDirectories(dir);
        DatasetFiles.write(dir, dataset(seed), null);
        return dir;
    }

    /** run.json exactly as ntpgeo wrote it before the format had one owner (absolute data, camelCase options, versions). */
    private static String oldLayout(Path data, String sha, double entropy, JsonNode last) {
        return """
                {
                  "format" : "ntpgeo-run/1",
                  "data" : "%s",
                  "data_sha256" : "%s",
                  "options" : {
                    "model" : "ufm", "dim" : 8, "epochs" : 10, "optimizer" : "adam", "learningRate" : 0.05, "weightDecay" : 0.001,
                    "lrSchedule" : "constant", "batch" : 0, "seed" : 3, "float64" : true, "threads" : 1, "layers" : 1, "heads" : 1,
                    "rope" : false, "initScale" : 0.1, "log_every" : "log"
                  },
                  "versions" : { "ntpgeo" : "0.1.0-SNAPSHOT", "java" : "17.0.12", "os" : "Linux amd64", "blas" : "OpenBLAS" },
                  "status" : "completed",
                  "entropy_H" : %s,
                  "V" : 30,
                  "m" : 16,
                  "final" : %s
                }
                """.formatted(data.toAbsolutePath(), sha, Double.toString(entropy), last.toString());
    }

    @Test
    void runsInTheOlderLayoutAreReadAndResumed() throws Exception {
        Path data = writeDataset(tmp.resolve("data"), 1);
        Path run = tmp.resolve("run");
        TrainingOptions options = TrainingOptions.builder("ufm").dim(8).epochs(10).optimizer(OptimizerKind.ADAM).learningRate(0.05)
                .weightDecay(1e-3).seed(3).threads(1).build();
        assertTrue(new Trainer().train(data, options, run).completed());
        JsonNode written = Json.read(run.resolve("run.json"));
        String sha = DatasetFiles.sha256(data.resolve("dataset.npz"));
        Files.writeString(run.resolve("run.json"), oldLayout(data, sha, written.get("entropy_H").asDouble(), written.get("final")));

        RunFiles.RunInfo info = RunFiles.open(run, null);
        assertEquals(data.toAbsolutePath().normalize(), info.dataDir());
        assertEquals(sha, info.manifest().datasetSha256());
        assertEquals("ufm", info.manifest().model());
        assertEquals(RunStatus.COMPLETED, info.manifest().status());
        assertEquals(List.of(0L, 1L, 2L, 5L, 10L), info.checkpoints().stream().map(RunFiles.CheckpointFile::epoch).toList());
        assertEquals(options.toJson(), TrainingOptions.fromRecorded(info.manifest().options()).toJson(),
                "camelCase options and float64 = true read as the same typed options");
        RunReader.TrainingRun tr = RunReader.open(run, null);
        assertEquals("ufm", tr.model());
        assertNull(RunReader.datasetHashWarning(tr));
        assertEquals(10, RunReader.load(tr.checkpoints().get(4), 30, 16).epoch());

        Trainer.Result r = new Trainer().resume(run, TrainingOptions.builder().epochs(20), null);
        assertTrue(r.completed());
        JsonNode migrated = Json.read(run.resolve("run.json"));
        assertEquals("../data", migrated.get("data").asText());
        assertFalse(migrated.has("versions") || migrated.has("data_sha256") || migrated.has("options"), migrated.toString());
        JsonNode prov = migrated.get("provenance");
        assertEquals("0.1.0-SNAPSHOT", prov.get("ntpgeo_version").asText(), "the version that created the run is kept");
        assertEquals(sha, prov.get("inputs").get("dataset").get("sha256").asText());
        assertEquals(0.05, prov.get("options").get("learning_rate").asDouble());
        assertEquals(20, prov.get("options").get("epochs").asInt());
        assertEquals(20, RunFiles.open(run, null).checkpoints().get(RunFiles.listCheckpoints(run).size() - 1).epoch());
    }

    @Test
    void theDatasetPathIsRelativeSoARunMovesWithItsDataset() throws Exception {
        Path data = writeDataset(tmp.resolve("a/data"), 2);
        Path run = tmp.resolve("a/runs/r1");
        Files.createDirectories(run.getParent());
        new Trainer().train(data, TrainingOptions.builder("ufm").dim(4).epochs(3).threads(1).build(), run);
        assertEquals("../../data", Json.read(run.resolve("run.json")).get("data").asText());
        Files.move(tmp.resolve("a"), tmp.resolve("b"));
        RunFiles.RunInfo moved = RunFiles.open(tmp.resolve("b/runs/r1"), null);
        assertEquals(tmp.resolve("b/data").toAbsolutePath().normalize(), moved.dataDir());
        assertTrue(new Trainer().resume(tmp.resolve("b/runs/r1"), TrainingOptions.builder().epochs(5), null).completed());
    }

    @Test
    void notARunIsAUserError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("x"));
        assertThrows(UserError.class, () -> RunFiles.open(dir, null));
        Files.writeString(dir.resolve("run.json"), "{\"format\": \"something-else/2\"}");
        UserError e = assertThrows(UserError.class, () -> RunFiles.open(dir, null));
        assertTrue(e.getMessage().contains("expected ntpgeo-run/1"), e.getMessage());
        Files.writeString(dir.resolve("run.json"), "{\"format\": ");
        e = assertThrows(UserError.class, () -> RunFiles.open(dir, null));
        assertTrue(e.getMessage().startsWith("cannot read "), e.getMessage());
    }
}
