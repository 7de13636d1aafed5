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

    /** 'all' without a corpus: the experiments that need none run, the others are listed with their command. */
    @Test
    void allWithoutACorpusRunsWhatItCanAndListsTheRest() throws Exception {
        Path out = dir.resolve("r");
        DataCommandsTest.Run r = DataCommandsTest.run("reproduce", "all", "--scale", "test", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        Path index = out.toAbsolutePath().normalize().resolve("index.html");
        assertTrue(r.out().trim().endsWith(index.toString()), r.out());
        assertTrue(Files.isRegularFile(index));
        for (String name : new String[] {"simplified-tinystories", "tinystories"}) {
            String command = "./ntpgeo reproduce " + name + " --corpus TinyStories-valid.txt --out " + out + "-" + name;
            assertTrue(r.out().contains(name + " ") && r.out().contains("not run") && r.out().contains(command), r.out());
            assertTrue(Files.readString(index).contains(command), "index page lists " + name);
            assertFalse(Files.exists(out.resolve(name)));
        }
        assertTrue(r.out().contains("https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/TinyStories-valid.txt"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("ufm-simulation/experiment.json")));
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
        // a corpus experiment named without a corpus: exit 2 before any work, saying how to get one
        r = DataCommandsTest.run("reproduce", "synthetic", "tinystories", "--out", dir.resolve("w").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("ntpgeo: error: experiment 'tinystories' needs a text corpus: pass --corpus FILE"), r.err());
        assertTrue(r.err().contains("curl -L -o TinyStories-valid.txt https://huggingface.co/"), r.err());
        assertFalse(Files.exists(dir.resolve("w")));
    }

    /**
     * The corpus experiments at test scale on the shared sample: the recipes' datasets (simplified: 50 bases x 8
     * variants = 400 contexts; tinystories: BPE, the test scale's 2000 sampled contexts), L_mm from the support-class
     * solver (certified by its duality gap), every run trained and analysed.
     */
    @Test
    void corpusExperimentsUseTheRecipes() {
        Path sample = DataCommandsTest.sharedSample();
        org.junit.jupiter.api.Assumptions.assumeTrue(sample != null, "shared TinyStories sample not found");
        Path out = dir.resolve("corpus");
        DataCommandsTest.Run r = DataCommandsTest.run("reproduce", "simplified-tinystories", "tinystories", "--scale", "test", "--corpus",
                sample.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode simple = Json.read(out.resolve("simplified-tinystories/experiment.json"));
        assertEquals(400, simple.path("dataset").path("m").asInt(), simple.path("dataset").toString());
        assertEquals("simplified-tinystories", Json.read(out.resolve("simplified-tinystories/data/dataset.json")).path("recipe").path("name").asText());
        JsonNode ts = Json.read(out.resolve("tinystories/experiment.json"));
        assertEquals(2000, ts.path("dataset").path("m").asInt());
        assertEquals("tinystories", Json.read(out.resolve("tinystories/data/dataset.json")).path("recipe").path("name").asText());
        for (JsonNode e : new JsonNode[] {simple, ts}) {
            assertTrue(e.path("svm").path("converged").asBoolean(), e.path("svm").toString());
            assertEquals(0, e.path("problems").size(), e.path("problems").toString());
            for (JsonNode run : e.path("runs")) assertEquals("completed", run.path("status").asText(), run.toString());
        }
    }

    /** Exit codes of a reproduction with problems: a bug wins over bad input, which wins over non-convergence. */
    @Test
    void exitCodeOfProblems() {
        RuntimeException bug = new IllegalStateException("bug");
        RuntimeException input = new org.ntpgeo.common.UserError("bad input");
        RuntimeException io = new java.io.UncheckedIOException("cannot write x", new java.io.IOException("disk full"));
        assertEquals(0, ReproductionExit.code(java.util.List.of(), false));
        assertEquals(3, ReproductionExit.code(java.util.List.of(), true));
        assertEquals(2, ReproductionExit.code(java.util.List.of(input), true));
        assertEquals(2, ReproductionExit.code(java.util.List.of(io, new OutOfMemoryError()), false));
        assertEquals(1, ReproductionExit.code(java.util.List.of(input, bug), true));
    }
}
