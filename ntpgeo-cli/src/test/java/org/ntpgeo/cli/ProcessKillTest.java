package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.theory.SupportPatterns;

/**
 * Issue 13's process cases: a separate JVM runs the command line, the test signals it (SIGTERM as Ctrl-C would, or
 * SIGKILL) and checks what is on disk. Each test takes a few seconds (JVM start-up).
 */
class ProcessKillTest {
    private static final Pattern INTERRUPTED = Pattern.compile("ntpgeo: interrupted after epoch (\\d+); continue with: ntpgeo train --resume ");
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path tmp;

    /** A dataset big enough that writing the first checkpoint and state takes a few milliseconds. */
    private Path dataset() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("data"));
        DatasetFiles.write(d, SupportPatterns.random(200, 2000, 1, 4, 11), null);
        return d;
    }

    private static List<String> trainArgs(Path data, Path run) {
        return List.of("train", "--data", data.toString(), "--out", run.toString(), "--dim", "32", "--optimizer", "adam", "--lr", "1e-4",
                "--epochs", "100000000", "--log-every", "1000000", "--threads", "1", "--no-progress");
    }

    private static int epochOf(Path run) {
        return Json.read(run.resolve("state/trainer.json")).get("epoch").asInt();
    }

    /** Case 5: SIGTERM at the first sign of a run (its staging directory), then once the run exists. */
    @Test
    void anEarlySigtermLeavesACompleteRunOrNothing() throws Exception {
        Path data = dataset();
        for (int attempt = 0; attempt < 2; attempt++) {
            Path run = tmp.resolve("run" + attempt);
            Path err = tmp.resolve("err" + attempt);
            Process p = Cli.start(err, List.of(), trainArgs(data, run).toArray(String[]::new));
            boolean early = attempt == 0;
            assertTrue(Cli.await(p, 30, () -> early ? !Cli.staging(tmp, run.getFileName().toString()).isEmpty() || Files.exists(run)
                    : Files.exists(run.resolve("run.json"))), "the run never started: " + Cli.read(err));
            p.destroy(); // SIGTERM
            int code = Cli.waitFor(p);
            assertEquals(SIGTERM_EXIT, code, Cli.read(err));
            assertEquals(List.of(), Cli.staging(tmp, run.getFileName().toString()), "no staging debris");
            System.out.println("early SIGTERM attempt " + attempt + ": " + (Files.exists(run) ? "the run was complete" : "nothing written"));
            if (Files.exists(run)) {
                JsonNode json = Json.read(run.resolve("run.json"));
                assertEquals("interrupted", json.get("status").asText());
                Matcher m = INTERRUPTED.matcher(Cli.read(err));
                assertTrue(m.find(), Cli.read(err));
                assertEquals(Integer.parseInt(m.group(1)), epochOf(run), "the interrupted line names the saved epoch");
                assertEquals(0, Cli.run("train", "--resume", run.toString(), "--epochs", Integer.toString(epochOf(run) + 3), "--no-progress").code());
            } else {
                assertEquals(0, Cli.run("train", "--data", data.toString(), "--out", run.toString(), "--dim", "8", "--epochs", "2",
                        "--no-progress").code(), "nothing blocks a new run with the same --out");
            }
        }
    }

    /** Cases 6 and 9: the lock names the holder; the interrupted line matches the saved epoch. */
    @Test
    void aSecondWriterFailsAtOnceAndSigtermSavesTheReportedEpoch() throws Exception {
        Path data = dataset();
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--data", data.toString(), "--out", run.toString(), "--dim", "32", "--optimizer", "adam", "--lr",
                "1e-4", "--epochs", "2", "--log-every", "1000000", "--threads", "1", "--no-progress").code());
        Path err = tmp.resolve("err");
        Process p = Cli.start(err, List.of(), "train", "--resume", run.toString(), "--epochs", "100000000", "--no-progress");
        String holder = "process " + p.pid();
        assertTrue(Cli.await(p, 30, () -> Cli.read(run.resolve(".lock")).startsWith(holder)), Cli.read(err));
        Cli.Outcome second = Cli.run("train", "--resume", run.toString(), "--epochs", "100000000", "--no-progress");
        assertEquals(2, second.code());
        assertTrue(second.err().contains("is in use by " + holder), second.err());
        Thread.sleep(1000); // let it train a little (any epoch, logged or not, may be the one saved)
        p.destroy();
        assertEquals(SIGTERM_EXIT, Cli.waitFor(p), Cli.read(err));
        Matcher m = INTERRUPTED.matcher(Cli.read(err));
        assertTrue(m.find(), Cli.read(err));
        int epoch = Integer.parseInt(m.group(1));
        assertTrue(epoch >= 2, "the resumed run starts at epoch 2: " + epoch);
        assertEquals(epoch, epochOf(run));
        JsonNode json = Json.read(run.resolve("run.json"));
        assertEquals(epoch, json.get("final").get("epoch").asInt());
        assertTrue(Files.exists(run.resolve(String.format("checkpoints/epoch-%06d.npz", epoch))));
        List<Integer> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.csv")).subList(1, Files.readAllLines(run.resolve("metrics.csv")).size())) {
            epochs.add(Integer.parseInt(line.split(",")[0]));
        }
        // one row per saved epoch, no duplicates; epoch 2 (the end of the first, 2-epoch run) is off the log schedule of
        // the resumed run, so it is dropped as in an uninterrupted run once a later epoch is saved
        assertEquals(epoch == 2 ? List.of(0, 2) : List.of(0, epoch), epochs);
    }

    /** Case 8: SIGKILL leaves a staging directory that the next command writing the same output removes. */
    @Test
    void sigkillDebrisIsRemovedByTheNextCommand() throws Exception {
        Path data = dataset();
        Path run = tmp.resolve("run");
        Path err = tmp.resolve("err");
        Process p = Cli.start(err, List.of(), trainArgs(data, run).toArray(String[]::new));
        assertTrue(Cli.await(p, 30, () -> !Cli.staging(tmp, "run").isEmpty() || Files.exists(run)), Cli.read(err));
        p.destroyForcibly(); // SIGKILL: no hook runs
        Cli.waitFor(p);
        if (Files.exists(run)) { // killed after the run appeared: it is complete and resumable
            assertEquals(0, Cli.run("train", "--resume", run.toString(), "--epochs", Integer.toString(epochOf(run) + 2), "--no-progress").code());
        } else {
            assertEquals(0, Cli.run("train", "--data", data.toString(), "--out", run.toString(), "--dim", "8", "--epochs", "2",
                    "--no-progress").code());
        }
        assertEquals(List.of(), Cli.staging(tmp, "run"), "the dead process's staging is gone");
    }

    /** Case 8: SIGTERM and Ctrl-C remove a staged output (data build, analyze, solve stage theirs the same way). */
    @Test
    void sigtermRemovesStagedOutputs() throws Exception {
        Path out = tmp.resolve("report");
        Path err = tmp.resolve("err");
        Process p = Cli.startMain(StagingHolder.class.getName(), err, List.of(), out.toString());
        assertTrue(Cli.await(p, 30, () -> Cli.read(err).startsWith("staged ")), Cli.read(err));
        assertEquals(1, Cli.staging(tmp, "report").size());
        p.destroy();
        Cli.waitFor(p);
        assertEquals(List.of(), Cli.staging(tmp, "report"), Cli.read(err));
        assertFalse(Files.exists(out));
    }

    /** Case 8 with a real command: SIGTERM while analyze writes its staged report leaves no staging directory. */
    @Test
    void sigtermDuringAnalyzeLeavesNoStaging() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("ds"));
        DatasetFiles.write(data, SupportPatterns.random(30, 60, 1, 3, 2), null);
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--data", data.toString(), "--out", run.toString(), "--dim", "16", "--epochs", "60",
                "--log-every", "1", "--optimizer", "adam", "--lr", "0.05", "--no-progress").code());
        Path report = tmp.resolve("report");
        Path err = tmp.resolve("err");
        Process p = Cli.start(err, List.of(), "analyze", "--run", run.toString(), "--out", report.toString());
        boolean staged = Cli.await(p, 60, () -> !Cli.staging(tmp, "report").isEmpty());
        p.destroy();
        int code = Cli.waitFor(p);
        System.out.println("analyze: " + (staged ? "SIGTERM while its report was staged, exit " + code : "finished before the signal"));
        assertEquals(List.of(), Cli.staging(tmp, "report"), Cli.read(err));
        assertTrue(!Files.exists(report) || Files.isRegularFile(report.resolve("index.html")), "a report is complete or absent");
    }

    /** Case 1: an OutOfMemoryError that the preflight did not foresee is one line and exit code 2, not a trace. */
    @Test
    void outOfMemoryIsOneLine() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("big"));
        DatasetFiles.write(data, SupportPatterns.random(1000, 200_000, 2, 4, 1), null); // about 600 000 counts
        Path err = tmp.resolve("err");
        Process p = Cli.start(err, List.of("-Xmx12m"), "data", "show", data.toString());
        assertEquals(2, Cli.waitFor(p), Cli.read(err));
        String e = Cli.read(err).strip();
        assertTrue(e.startsWith("ntpgeo: error: out of memory (the Java heap limit is ") && e.contains("JAVA_OPTS=-Xmx"), e);
        assertFalse(e.contains("\n") || e.contains("Exception"), e);
    }

    /** Case 1: a heap too small for the task is refused before it starts, naming the estimate, the limit and the fix. */
    @Test
    void aSmallHeapIsRefusedWithTheFix() throws Exception {
        Path data = dataset();
        Path err = tmp.resolve("err");
        Process p = Cli.start(err, List.of("-Xmx64m"), "train", "--data", data.toString(), "--dim", "5000", "--out", tmp.resolve("run").toString());
        assertEquals(2, Cli.waitFor(p));
        String e = Cli.read(err).strip();
        assertTrue(e.startsWith("ntpgeo: error: train --model ufm needs at least ") && e.contains("of Java heap")
                && e.contains("the heap limit is ") && e.contains("JAVA_OPTS=-Xmx") && e.endsWith("use a smaller --dim or a smaller dataset"), e);
        assertFalse(e.contains("\n"), e);
        assertFalse(Files.exists(tmp.resolve("run")));
    }
}
