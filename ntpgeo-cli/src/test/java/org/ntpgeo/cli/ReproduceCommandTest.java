package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.io.Json;

class ReproduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void syntheticAtTestScaleTrainsEveryModelAndPrintsTheIndex() {
        Path out = dir.resolve("r");
        DataCommandsTest.Run r = DataCommandsTest.run("reproduce", "synthetic", "--scale", "test", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        Path index = out.toAbsolutePath().normalize().resolve("index.html");
        assertTrue(r.out().trim().endsWith(index.toString()), r.out());
        assertTrue(Files.isRegularFile(index));
        JsonNode e = Json.read(out.resolve("synthetic/experiment.json"));
        // the neural provider is on the CLI class path: transformer and LSTM are trained, not skipped
        int analysed = 0;
        for (JsonNode run : e.path("runs")) {
            assertNotEquals("skipped", run.path("status").asText(), run.toString());
            if (run.path("claims").size() == 4) analysed++;
        }
        assertEquals(3, e.path("runs").size());
        assertTrue(analysed >= 1, e.toString());
        for (String m : new String[] {"ufm", "transformer", "lstm"}) {
            assertTrue(Files.isDirectory(out.resolve("synthetic/runs/" + m)), m);
        }
    }

    @Test
    void badInputsAreOneLineErrors() throws Exception {
        DataCommandsTest.Run r = DataCommandsTest.run("reproduce", "cifar", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown experiment 'cifar'"), r.err());
        Files.createDirectories(dir.resolve("exists"));
        r = DataCommandsTest.run("reproduce", "ufm-simulation", "--out", dir.resolve("exists").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
        r = DataCommandsTest.run("reproduce", "simplified-tinystories", "--corpus", dir.resolve("none.txt").toString(),
                "--out", dir.resolve("y").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("none.txt"), r.err());
        assertFalse(Files.exists(dir.resolve("y")));
        r = DataCommandsTest.run("reproduce", "synthetic", "--scale", "huge", "--out", dir.resolve("z").toString());
        assertEquals(2, r.code());
    }
}
