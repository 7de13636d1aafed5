package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.run.RunFiles;
import org.ntpgeo.run.RunManifest;
import org.ntpgeo.theory.SupportPatterns;

/** Issue 13 at the command line, in-process: every case ends with exit code 2 (or 3) and one line, and leaves no debris. */
class ReliabilityCliTest {
    @TempDir
    Path tmp;

    private Path dataset(String name, NtpDataset ds) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        DatasetFiles.write(d, ds, null);
        return d;
    }

    private Path small() throws Exception {
        return dataset("data", NtpDataset.fromColumns(4, List.of(Map.of(0, 2L, 1, 1L), Map.of(2, 3L), Map.of(1, 1L, 3, 1L)), null));
    }

    private static void assertOneLineError(Cli.Outcome o, int code, String... fragments) {
        assertEquals(code, o.code(), o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + o.err());
        assertTrue(lines[0].startsWith(code == 3 ? "ntpgeo: " : "ntpgeo: error: "), o.err());
        for (String f : fragments) assertTrue(lines[0].contains(f), "'" + f + "' in: " + lines[0]);
    }

    private List<String> names() throws Exception {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Case 4: I/O failures are "cannot write/read ...", exit 2 (not "internal error"). */
    @Test
    void ioFailuresAreOneLineErrors() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc (Linux)");
        Path data = small();
        String proc = "/proc/ntpgeo-" + ProcessHandle.current().pid();
        assertOneLineError(Cli.run("solve", "svm", "--data", data.toString(), "--out", proc), 2, "cannot write " + proc);
        assertOneLineError(Cli.run("solve", "path", "--data", data.toString(), "--lambdas", "1e-1", "--out", proc), 2, "cannot write " + proc);
        assertOneLineError(Cli.run("train", "--data", data.toString(), "--dim", "2", "--epochs", "2", "--out", proc, "--no-progress"), 2,
                "cannot write " + proc);
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--data", data.toString(), "--dim", "2", "--epochs", "3", "--out", run.toString(), "--no-progress").code());
        assertOneLineError(Cli.run("analyze", "--run", run.toString(), "--out", proc), 2, "cannot write " + proc);
        assertOneLineError(Cli.run("report", "compare", run.toString(), "--out", proc), 2, "cannot write " + proc);
        // a damaged checkpoint is a read failure
        Files.writeString(run.resolve("checkpoints/epoch-000003.npz"), "not a zip");
        assertOneLineError(Cli.run("analyze", "--run", run.toString(), "--out", tmp.resolve("rep").toString()), 2, "cannot read checkpoint");
        assertEquals(List.of("data", "run"), names(), "no report, no staging");
    }

    /** Case 4 (resume with a damaged state file) and case 7 (resume refuses conflicting options). */
    @Test
    void resumeRefusesDamagedStateAndConflictingOptions() throws Exception {
        Path data = small();
        String run = tmp.resolve("run").toString();
        assertEquals(0, Cli.run("train", "--data", data.toString(), "--dim", "4", "--epochs", "5", "--lr", "0.1", "--optimizer", "adam",
                "--out", run, "--no-progress").code());
        assertOneLineError(Cli.run("train", "--resume", run, "--epochs", "9", "--dim", "8", "--lr", "0.5", "--model", "ufm"), 2,
                "--dim 8 (run.json: 4)", "--lr 0.5 (run.json: 0.1)", "only --epochs and --threads may change");
        assertOneLineError(Cli.run("train", "--resume", run, "--epochs", "9", "--out", tmp.resolve("x").toString()), 2, "drop --out");
        assertOneLineError(Cli.run("train", "--resume", run, "--epochs", "9", "--heads", "2"), 2, "--heads 2 (run.json: not used by this model)");
        assertEquals(0, Cli.run("train", "--resume", run, "--epochs", "7", "--lr", "0.1", "--threads", "1", "--no-progress").code(),
                "equal values and --threads are fine");
        JsonNode state = Json.read(Path.of(run, "state/trainer.json"));
        Files.write(Path.of(run, "state", state.get("model_state").asText()), new byte[] {0x50, 0x4b, 3, 4, 9, 9});
        assertOneLineError(Cli.run("train", "--resume", run, "--epochs", "9", "--no-progress"), 2, "cannot read the saved state", "start a new run");
        Files.writeString(Path.of(run, "state/trainer.json"), "{");
        assertOneLineError(Cli.run("train", "--resume", run, "--epochs", "9", "--no-progress"), 2, "cannot read the saved state");
    }

    /** Case 9: an empty --out names nothing (it was "output  already exists"). */
    @Test
    void emptyPathsAreRefused() throws Exception {
        Path data = small();
        for (String[] args : new String[][] {{"solve", "svm", "--data", data.toString(), "--out", ""},
                {"train", "--data", data.toString(), "--out", ""}, {"train", "--resume", ""}, {"analyze", "--run", "", "--out", "x"},
                {"run", "import", "--data", data.toString(), "--W", "w.npy", "--H", "h.npy", "--out", ""}}) {
            Cli.Outcome o = Cli.run(args);
            assertEquals(2, o.code(), String.join(" ", args));
            assertTrue(o.err().startsWith("ntpgeo: error: ") && o.err().contains("an empty path names no file or directory"), o.err());
        }
        assertEquals(List.of("data"), names());
    }

    /** Case 9: adam at --lr 1e6 reaches a loss of about 1e12 without NaN: diverged (exit 3), not completed. */
    @Test
    void anExplodingLossIsDivergence() throws Exception {
        Path data = small();
        Path run = tmp.resolve("run");
        Cli.Outcome o = Cli.run("train", "--data", data.toString(), "--dim", "4", "--epochs", "50", "--optimizer", "adam", "--lr", "1e6",
                "--out", run.toString(), "--no-progress");
        assertOneLineError(o, 3, "training diverged", "exceeds");
        assertEquals("diverged", Json.read(run.resolve("run.json")).get("status").asText());
    }

    /** Cases 1 and 2: sizes beyond Java's ranges or the heap are refused before any work, naming the fix. */
    @Test
    void tasksTooLargeAreRefusedUpFront() throws Exception {
        Path small = small();
        assertOneLineError(Cli.run("train", "--data", small.toString(), "--dim", "1000000000", "--out", tmp.resolve("r1").toString()), 2,
                "W (V x d) has 4 x 1000000000", "use a smaller --dim");
        long dim = Runtime.getRuntime().maxMemory() / 8 / 4 + 1; // W alone exceeds the heap
        Cli.Outcome heap = Cli.run("train", "--data", small.toString(), "--dim", Long.toString(dim), "--out", tmp.resolve("r2").toString());
        assertOneLineError(heap, 2, "use a smaller --dim");
        assertTrue(heap.err().contains("JAVA_OPTS=-Xmx") || heap.err().contains("but this machine has"), heap.err());
        // V x m = 3e9 logits: more than one Java array holds (it was a NegativeArraySizeException trace)
        Path big = dataset("big", SupportPatterns.random(100_000, 30_000, 1, 1, 3));
        // solve svm works on the support classes (one-token supports: about 26000 distinct among the 30000 contexts)
        assertOneLineError(Cli.run("solve", "svm", "--data", big.toString(), "--out", tmp.resolve("s").toString()), 2,
                "solve svm works on a dense V x C matrix", "100000 x ");
        assertOneLineError(Cli.run("solve", "svm", "--data", big.toString(), "--out", tmp.resolve("s").toString(), "--formulation", "full"), 2,
                "solve svm works on a dense V x m matrix", "100000 x 30000");
        assertOneLineError(Cli.run("solve", "path", "--data", big.toString(), "--out", tmp.resolve("p").toString()), 2, "solve path works on a dense");
        assertOneLineError(Cli.run("train", "--data", big.toString(), "--out", tmp.resolve("r3").toString()), 2, "logits L = W H (V x m)");
        // analyze --data on a run made for the big dataset (a hand-written manifest: no training needed to reach the check)
        Path run = Files.createDirectories(tmp.resolve("bigrun"));
        Json.write(run.resolve(RunFiles.RUN_JSON), RunManifest.create(run, big, "", 100_000, 30_000, 1.0,
                org.ntpgeo.io.Provenance.of("test")).toJson());
        assertOneLineError(Cli.run("analyze", "--run", run.toString(), "--data", big.toString(), "--out", tmp.resolve("rep").toString()), 2,
                "analyze works on a dense V x m matrix");
        assertEquals(List.of("big", "bigrun", "data"), names(), "nothing written");
    }

    /** An OutOfMemoryError anywhere in the cause chain is one line with the fix, exit 2. */
    @Test
    void outOfMemoryIsAOneLineError() {
        String m = Ntpgeo.userMessage(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space")));
        assertTrue(m.startsWith("out of memory (the Java heap limit is ") && m.contains("JAVA_OPTS=-Xmx"), m);
        assertTrue(Ntpgeo.userMessage(new java.io.UncheckedIOException("cannot read x: y", new java.io.IOException())).equals("cannot read x: y"));
        assertTrue(Ntpgeo.userMessage(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/a/b")))
                .equals("cannot read or write /a/b: permission denied"));
        assertEquals(null, Ntpgeo.userMessage(new IllegalStateException("a bug")), "bugs stay internal errors (exit 1)");
    }
}
