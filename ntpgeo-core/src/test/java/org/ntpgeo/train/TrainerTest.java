package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.run.RunStatus;

class TrainerTest {
    @TempDir
    Path tmp;

    private Path dataset(NtpDataset ds) throws Exception {
        Path d = tmp.resolve("data");
        if (!Files.exists(d)) TestDatasets.write(Files.createDirectories(d), ds);
        return d;
    }

    /** metrics.csv rows without the wall-clock column. */
    private static List<String> metricsWithoutSeconds(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static Trainer quiet() {
        return new Trainer();
    }

    @Test
    void writesTheRunContract() throws Exception {
        NtpDataset ds = TestDatasets.paperLike(1);
        Path data = dataset(ds);
        Path run = tmp.resolve("run");
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(8, 12, "adam", 0.05, 0, 0, 4), run);
        assertTrue(r.completed());
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,loss,ce_minus_h,norm_w,norm_h,norm_l,seconds", lines.get(0));
        List<Integer> epochs = lines.stream().skip(1).map(l -> Integer.parseInt(l.split(",")[0])).toList();
        assertEquals(List.of(0, 1, 2, 5, 10, 12), epochs);
        for (int e : epochs) assertTrue(Files.exists(run.resolve("checkpoints").resolve(String.format("epoch-%06d.npz", e))));
        Map<String, NdArray> ck = Npz.read(run.resolve("checkpoints/epoch-000012.npz"));
        assertEquals(12, ck.get("epoch").longScalar());
        Matrix w = new Matrix(30, 8, ck.get("W").asColumnMajor());
        Matrix h = new Matrix(8, 16, ck.get("H").asColumnMajor());
        Matrix l = new Matrix(30, 16, ck.get("L").asColumnMajor());
        assertArrayEquals(new long[] {30, 8}, ck.get("W").shape());
        assertArrayEquals(new long[] {8, 16}, ck.get("H").shape());
        assertArrayEquals(new long[] {30, 16}, ck.get("L").shape());
        assertEquals(0, Blas.multiply(w, h).minus(l).maxAbs(), 1e-12);
        String[] last = lines.get(lines.size() - 1).split(",");
        double loss = Double.parseDouble(last[1]);
        assertEquals(TestDatasets.naiveCe(ds, l), loss, 1e-12);
        assertEquals(loss - ds.entropy(), Double.parseDouble(last[2]), 1e-15);
        assertEquals(w.frobeniusNorm(), Double.parseDouble(last[3]), 1e-12);
        JsonNode json = Json.read(run.resolve("run.json"));
        assertEquals("ntpgeo-run/1", json.get("format").asText());
        assertEquals("completed", json.get("status").asText());
        assertEquals("../data", json.get("data").asText(), "the dataset path is relative to the run directory");
        JsonNode prov = json.get("provenance");
        assertEquals(DatasetFiles.sha256(data.resolve("dataset.npz")), prov.get("inputs").get("dataset").get("sha256").asText());
        assertEquals("ntpgeo train", prov.get("created_by").asText());
        assertTrue(prov.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), prov.get("created_at").asText());
        assertEquals(ds.entropy(), json.get("entropy_H").asDouble(), 1e-15);
        assertEquals(12, json.get("final").get("epoch").asInt());
        assertEquals(loss, json.get("final").get("loss").asDouble(), 0);
        assertEquals("adam", prov.get("options").get("optimizer").asText());
        assertEquals("log", prov.get("options").get("log_every").asText());
        assertEquals(0.05, prov.get("options").get("learning_rate").asDouble());
        assertFalse(prov.get("options").has("layers"), "the UFM has no layers: not recorded");
        assertTrue(prov.has("java") && prov.has("ntpgeo_version"));
        assertEquals(100 * Math.max(Math.log(30), Double.parseDouble(lines.get(1).split(",")[1])), json.get("loss_limit").asDouble(), 1e-12);
        try (var files = Files.list(run)) {
            assertEquals(List.of(".lock", "checkpoints", "metrics.csv", "run.json", "state"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("data", "run"), files.map(p -> p.getFileName().toString()).sorted().toList(), "no staging debris");
        }
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndCheckpoints() throws Exception {
        Path data = dataset(TestDatasets.paperLike(2));
        TrainingOptions o = TestDatasets.ufm(8, 20, "adamw", 0.05, 1e-3, 5, 7);
        quiet().train(data, o, tmp.resolve("a"));
        quiet().train(data, o, tmp.resolve("b"));
        assertEquals(metricsWithoutSeconds(tmp.resolve("a")), metricsWithoutSeconds(tmp.resolve("b")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/checkpoints/epoch-000020.npz")),
                Files.readAllBytes(tmp.resolve("b/checkpoints/epoch-000020.npz")));
        quiet().train(data, TestDatasets.ufm(8, 20, "adamw", 0.05, 1e-3, 5, 8), tmp.resolve("c"));
        assertFalse(metricsWithoutSeconds(tmp.resolve("a")).equals(metricsWithoutSeconds(tmp.resolve("c"))), "the seed matters");
    }

    private void assertResumeMatches(TrainingOptions opts10, Path first, Path whole) throws Exception {
        Path data = tmp.resolve("data");
        TrainingOptions opts20 = opts10.toBuilder().epochs(20).build();
        Trainer.Result r = quiet().resume(first, TrainingOptions.builder().epochs(20), null);
        assertTrue(r.completed());
        quiet().train(data, opts20, whole);
        assertEquals(metricsWithoutSeconds(whole), metricsWithoutSeconds(first));
        Map<String, NdArray> a = Npz.read(first.resolve("checkpoints/epoch-000020.npz"));
        Map<String, NdArray> b = Npz.read(whole.resolve("checkpoints/epoch-000020.npz"));
        assertArrayEquals(b.get("L").asColumnMajor(), a.get("L").asColumnMajor());
        assertArrayEquals(b.get("W").asColumnMajor(), a.get("W").asColumnMajor());
        try (var s = Files.list(first.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-000000.npz", "epoch-000001.npz", "epoch-000002.npz", "epoch-000005.npz", "epoch-000010.npz",
                    "epoch-000020.npz"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("completed", Json.read(first.resolve("run.json")).get("status").asText());
        double secs = Double.parseDouble(Files.readAllLines(first.resolve("metrics.csv")).get(6).split(",")[6]);
        double secs10 = Double.parseDouble(Files.readAllLines(first.resolve("metrics.csv")).get(5).split(",")[6]);
        assertTrue(secs >= secs10, "seconds are cumulative across resume");
    }

    @Test
    void resumeAfterTenEpochsEqualsTwentyUninterruptedEpochs() throws Exception {
        Path data = dataset(TestDatasets.paperLike(3));
        TrainingOptions o = TestDatasets.ufm(8, 10, "adam", 0.05, 1e-3, 6, 5);
        assertTrue(quiet().train(data, o, tmp.resolve("first")).completed());
        assertResumeMatches(o, tmp.resolve("first"), tmp.resolve("whole"));
    }

    @Test
    void resumeAfterAnInterruptionEqualsAnUninterruptedRun() throws Exception {
        Path data = dataset(TestDatasets.paperLike(4));
        TrainingOptions o = TestDatasets.ufm(8, 20, "adam", 0.05, 0, 0, 6);
        Trainer t = quiet();
        t.stopAfterEpoch(7);
        Trainer.Result r = t.train(data, o, tmp.resolve("first"));
        assertEquals(RunStatus.INTERRUPTED, r.status());
        assertEquals(7, r.epoch());
        assertEquals("interrupted", Json.read(tmp.resolve("first/run.json")).get("status").asText());
        assertTrue(Files.exists(tmp.resolve("first/checkpoints/epoch-000007.npz")), "Ctrl-C writes a final checkpoint");
        assertResumeMatches(o, tmp.resolve("first"), tmp.resolve("whole"));
    }

    @Test
    void reachesTheEntropyOnThePaperSyntheticSet() throws Exception {
        NtpDataset ds = TestDatasets.paperLike(6);
        Path data = dataset(ds);
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(32, 3000, "adam", 0.05, 0, 0, 1), tmp.resolve("run"));
        System.out.println("paper-like: H = " + ds.entropy() + ", CE - H = " + r.ceMinusH());
        assertTrue(r.ceMinusH() < 1e-3, "CE - H = " + r.ceMinusH());
        assertTrue(r.ceMinusH() > 0, "CE > H always");
    }

    @Test
    void divergenceStopsWithStatusAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path data = dataset(TestDatasets.paperLike(7));
        Path run = tmp.resolve("run");
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(8, 100, "gd", 1e30, 0, 0, 1).toBuilder().log(LogSchedule.every(1)).build(), run);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().contains("diverged"), r.message());
        JsonNode json = Json.read(run.resolve("run.json"));
        assertEquals("diverged", json.get("status").asText());
        int lastGood = json.get("final").get("epoch").asInt();
        Map<String, NdArray> ck = Npz.read(run.resolve(String.format("checkpoints/epoch-%06d.npz", lastGood)));
        assertTrue(new Matrix(30, 16, ck.get("L").asColumnMajor()).isFinite());
        for (String line : Files.readAllLines(run.resolve("metrics.csv"))) assertFalse(line.contains("nan") || line.contains("inf"), line);
        assertThrows(UserError.class, () -> quiet().resume(run, TrainingOptions.builder().epochs(200), null));
    }

    @Test
    void badInputsAreUserErrors() throws Exception {
        Path data = dataset(TestDatasets.paperLike(8));
        TrainingOptions ok = TestDatasets.ufm(4, 2, "gd", 0.1, 0, 0, 1);
        Files.createDirectories(tmp.resolve("exists"));
        assertThrows(UserError.class, () -> quiet().train(data, ok, tmp.resolve("exists")));
        Path notData = Files.createDirectories(tmp.resolve("notdata"));
        Files.writeString(notData.resolve("dataset.npz"), "hello");
        assertThrows(UserError.class, () -> quiet().train(notData, ok, tmp.resolve("r1")));
        for (String r : new String[] {"r1"}) assertFalse(Files.exists(tmp.resolve(r)), "no run dir left for " + r);
        assertThrows(UserError.class, () -> quiet().resume(tmp.resolve("nothing"), TrainingOptions.builder().epochs(3), null));
    }

    /** Bad option values are option errors naming the field, raised when the options are built (before any file). */
    @Test
    void badOptionsAreOptionErrorsNamingTheField() {
        assertEquals(List.of("dim"), optionsOf(() -> TestDatasets.ufm(0, 2, "gd", 0.1, 0, 0, 1)));
        assertEquals(List.of("optimizer"), optionsOf(() -> TestDatasets.ufm(4, 2, "sgdx", 0.1, 0, 0, 1)));
        assertEquals(List.of("learning_rate"), optionsOf(() -> TestDatasets.ufm(4, 2, "gd", -1, 0, 0, 1)));
        assertEquals(List.of("weight_decay"), optionsOf(() -> TestDatasets.ufm(4, 2, "gd", 0.1, Double.NaN, 0, 1)));
        assertEquals(List.of("dtype"), optionsOf(() -> TrainingOptions.builder("ufm").dtype(Dtype.FLOAT32).build()));
        assertEquals(List.of("init_scale"), optionsOf(() -> TrainingOptions.builder("ufm").initScale(0).build()));
        assertEquals(List.of("layers"), optionsOf(() -> TrainingOptions.builder("ufm").layers(3).build()), "the UFM has no layers");
        assertEquals(List.of("model"), optionsOf(() -> TrainingOptions.builder("gpt9").build()));
        OptionError e = assertThrows(OptionError.class, () -> TrainingOptions.builder("ufm").learningRate(0).build());
        assertEquals("--lr must be a finite number > 0, got 0.0", e.render(f -> f.equals("learning_rate") ? "--lr" : f));
    }

    private static List<String> optionsOf(org.junit.jupiter.api.function.Executable build) {
        return assertThrows(OptionError.class, build).options();
    }

    @Test
    void aLossThatExplodesWithoutNaNIsDivergence() throws Exception {
        Path data = dataset(TestDatasets.paperLike(9));
        Path run = tmp.resolve("run");
        // adam moves every parameter by about lr per step: logits of order 1e12, a finite but absurd loss
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(8, 50, "adam", 1e6, 0, 0, 1), run);
        assertEquals(RunStatus.DIVERGED, r.status(), r.message());
        assertTrue(r.message().contains("exceeds"), r.message());
        JsonNode json = Json.read(run.resolve("run.json"));
        assertEquals("diverged", json.get("status").asText());
        double limit = json.get("loss_limit").asDouble();
        for (String line : Files.readAllLines(run.resolve("metrics.csv")).subList(1, Files.readAllLines(run.resolve("metrics.csv")).size())) {
            assertTrue(Double.parseDouble(line.split(",")[1]) <= limit, "no row above the limit: " + line);
        }
        // a small step on the same data stays below the limit and completes
        assertTrue(quiet().train(data, TestDatasets.ufm(8, 50, "adam", 0.05, 0, 0, 1), tmp.resolve("ok")).completed());
    }

    @Test
    void theLossLimitIsAHundredTimesTheInitialLossOrLnV() {
        assertEquals(100 * Math.log(30), Trainer.lossLimit(1.0, 30), 1e-12);
        assertEquals(700, Trainer.lossLimit(7.0, 30), 1e-12);
        assertEquals(100, Trainer.lossLimit(0.0, 1), 0, "V = 1: the loss is 0 forever; the floor keeps rounding from counting");
        assertEquals(100 * Math.log(30), Trainer.lossLimit(Double.NaN, 30), 1e-12);
    }

    /** A stop request from another thread at an arbitrary moment: the epoch reported is the one saved. */
    @Test
    void aStopFromAnotherThreadSavesTheReportedEpoch() throws Exception {
        Path data = dataset(TestDatasets.paperLike(10));
        for (int a = 0; a < 3; a++) {
            int attempt = a;
            Path run = tmp.resolve("stop" + attempt);
            Trainer t = quiet();
            Thread stopper = new Thread(() -> {
                try {
                    while (!Files.exists(run.resolve("run.json"))) Thread.sleep(1);
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException e) {
                    return;
                }
                t.requestStop();
            });
            stopper.start();
            TrainingOptions o = TestDatasets.ufm(8, 50_000_000, "adam", 1e-4, 0, 0, 1).toBuilder().log(LogSchedule.every(1_000_000)).build();
            Trainer.Result r = t.train(data, o, run);
            stopper.join();
            assertEquals(RunStatus.INTERRUPTED, r.status());
            assertTrue(r.message().startsWith("interrupted after epoch " + r.epoch() + ";"), r.message());
            assertEquals(r.epoch(), Json.read(run.resolve("state/trainer.json")).get("epoch").asInt());
            assertEquals(r.epoch(), Json.read(run.resolve("run.json")).get("final").get("epoch").asInt());
            assertTrue(Files.exists(run.resolve(String.format("checkpoints/epoch-%06d.npz", r.epoch()))));
            assertEquals("interrupted", Json.read(run.resolve("run.json")).get("status").asText());
        }
    }

    @Test
    void aStopBeforeTheRunIsCompleteWritesNothing() throws Exception {
        Path data = dataset(TestDatasets.paperLike(11));
        Trainer t = quiet();
        t.requestStop();
        Trainer.Result r = t.train(data, TestDatasets.ufm(8, 10, "adam", 0.05, 0, 0, 1), tmp.resolve("run"));
        assertEquals(RunStatus.INTERRUPTED, r.status());
        assertEquals(-1, r.epoch());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("data"), files.map(p -> p.getFileName().toString()).toList(), "no run, no staging");
        }
    }

    @Test
    void resumeRefusesOptionsThatDifferFromRunJson() throws Exception {
        Path data = dataset(TestDatasets.paperLike(12));
        Path run = tmp.resolve("run");
        quiet().train(data, TestDatasets.ufm(8, 5, "adam", 0.05, 0, 0, 1), run);
        String before = Files.readString(run.resolve("run.json"));
        OptionError e = assertThrows(OptionError.class, () -> quiet().resume(run,
                TrainingOptions.builder().dim(16).learningRate(0.05).optimizer(OptimizerKind.GD).epochs(9), null));
        assertEquals(List.of("dim", "optimizer", "epochs", "threads"), e.options(), e.getMessage());
        assertTrue(e.getMessage().contains("dim 16 (run.json: 8)") && e.getMessage().contains("optimizer gd (run.json: adam)"), e.getMessage());
        assertFalse(e.getMessage().contains("learning_rate"), "an equal value is no conflict");
        assertEquals(before, Files.readString(run.resolve("run.json")), "a refused resume changes nothing");
        assertThrows(OptionError.class, () -> quiet().resume(run, TrainingOptions.builder().epochs(9), tmp.resolve("elsewhere")));
        assertThrows(OptionError.class, () -> quiet().resume(run, TrainingOptions.builder().heads(2).epochs(9), null));
        Trainer.Result r = quiet().resume(run, TrainingOptions.builder().epochs(9).threads(2).learningRate(0.05), data);
        assertTrue(r.completed());
        assertEquals(2, Json.read(run.resolve("run.json")).get("provenance").get("options").get("threads").asInt());
    }

    @Test
    void resumeRemovesStaleTemporariesAndRefusesADamagedState() throws Exception {
        Path data = dataset(TestDatasets.paperLike(13));
        Path run = tmp.resolve("run");
        quiet().train(data, TestDatasets.ufm(8, 5, "adam", 0.05, 0, 0, 1), run);
        Path t1 = Files.writeString(run.resolve(".metrics.csv.1-2-3.tmp"), "x");
        Path t2 = Files.writeString(run.resolve("checkpoints/.epoch-000007.npz.4-5-6.tmp"), "x");
        Path t3 = Files.writeString(run.resolve("state/.trainer.json.77.tmp"), "x");
        assertTrue(quiet().resume(run, TrainingOptions.builder().epochs(6), null).completed());
        for (Path t : List.of(t1, t2, t3)) assertFalse(Files.exists(t), t + " is left over");
        // a damaged model state: a user error saying what to do, and the run is left as it was
        Path state = run.resolve(Json.read(run.resolve("state/trainer.json")).get("model_state").asText()).normalize();
        state = run.resolve("state").resolve(state.getFileName());
        Files.write(state, new byte[] {1, 2, 3});
        UserError e = assertThrows(UserError.class, () -> quiet().resume(run, TrainingOptions.builder().epochs(8), null));
        assertTrue(e.getMessage().startsWith("cannot read the saved state ") && e.getMessage().contains("start a new run"), e.getMessage());
        Files.writeString(run.resolve("state/trainer.json"), "{\"epoch\": ");
        e = assertThrows(UserError.class, () -> quiet().resume(run, TrainingOptions.builder().epochs(8), null));
        assertTrue(e.getMessage().startsWith("cannot read the saved state "), e.getMessage());
        assertEquals("completed", Json.read(run.resolve("run.json")).get("status").asText());
    }

    @Test
    void aRunBeingWrittenIsLocked() throws Exception {
        Path data = dataset(TestDatasets.paperLike(14));
        Path run = tmp.resolve("run");
        quiet().train(data, TestDatasets.ufm(8, 5, "adam", 0.05, 0, 0, 1), run);
        try (var held = org.ntpgeo.run.RunDirectory.openForResume(run)) {
            UserError e = assertThrows(UserError.class, () -> quiet().resume(run, TrainingOptions.builder().epochs(8), null));
            assertTrue(e.getMessage().contains("is in use"), e.getMessage());
        }
        assertTrue(quiet().resume(run, TrainingOptions.builder().epochs(8), null).completed(), "free again once released");
    }

    @Test
    void runsTooLargeForTheMemoryAreRefusedBeforeAnyFile() throws Exception {
        Path data = dataset(TestDatasets.paperLike(15));
        org.ntpgeo.common.ResourceLimitException e = assertThrows(org.ntpgeo.common.ResourceLimitException.class,
                () -> quiet().train(data, TestDatasets.ufm(1_000_000_000, 1, "gd", 0.1, 0, 0, 1), tmp.resolve("r")));
        assertTrue(e.getMessage().contains("W (V x d) has 30 x 1000000000"), e.getMessage());
        assertTrue(e.options().contains("dim"), e.getMessage());
        long heap = Runtime.getRuntime().maxMemory();
        int dim = (int) Math.min(Integer.MAX_VALUE / 30, heap / 8 / 30 + 1); // W alone is above the heap
        e = assertThrows(org.ntpgeo.common.ResourceLimitException.class,
                () -> quiet().train(data, TestDatasets.ufm(dim, 1, "gd", 0.1, 0, 0, 1), tmp.resolve("r")));
        assertTrue(e.getMessage().contains("JAVA_OPTS=-Xmx") || e.getMessage().contains("this machine has"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("r")));
    }

    /** A resume stopped before its first epoch keeps the saved epoch's checkpoint, which run.json still names. */
    @Test
    void aResumeStoppedAtOnceKeepsTheSavedEpochConsistent() throws Exception {
        Path data = dataset(TestDatasets.paperLike(16));
        Path run = tmp.resolve("first");
        TrainingOptions o = TestDatasets.ufm(8, 7, "adam", 0.05, 0, 0, 6);
        quiet().train(data, o, run); // epochs 0, 1, 2, 5, 7: 7 is not logged in a 20-epoch run
        Trainer stopped = quiet();
        stopped.requestStop();
        Trainer.Result r = stopped.resume(run, TrainingOptions.builder().epochs(20), null);
        assertEquals(RunStatus.INTERRUPTED, r.status());
        assertEquals(7, r.epoch());
        assertEquals(7, Json.read(run.resolve("run.json")).get("final").get("epoch").asInt());
        assertTrue(Files.exists(run.resolve("checkpoints/epoch-000007.npz")), "the checkpoint run.json names is on disk");
        assertTrue(quiet().resume(run, TrainingOptions.builder().epochs(20), null).completed());
        quiet().train(data, o.toBuilder().epochs(20).build(), tmp.resolve("whole"));
        assertEquals(metricsWithoutSeconds(tmp.resolve("whole")), metricsWithoutSeconds(run), "epoch 7 is dropped once 10 is saved");
        try (var s = Files.list(run.resolve("checkpoints"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("epoch-000007.npz")));
        }
    }
}
