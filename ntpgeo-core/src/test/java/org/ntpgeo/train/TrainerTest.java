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
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;

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
        return new Trainer(false, false);
    }

    @Test
    void writesTheRunContract() throws Exception {
        NtpDataset ds = TestDatasets.paperLike(1);
        Path data = dataset(ds);
        Path run = tmp.resolve("run");
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(8, 12, "adam", 0.05, 0, 0, 4), LogSchedule.logSpaced(), run);
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
        assertEquals(data.toAbsolutePath().normalize().toString(), json.get("data").asText());
        assertEquals(DatasetFiles.sha256(data.resolve("dataset.npz")), json.get("data_sha256").asText());
        assertEquals(ds.entropy(), json.get("entropy_H").asDouble(), 1e-15);
        assertEquals(12, json.get("final").get("epoch").asInt());
        assertEquals(loss, json.get("final").get("loss").asDouble(), 0);
        assertEquals("adam", json.get("options").get("optimizer").asText());
        assertEquals("log", json.get("options").get("log_every").asText());
        assertTrue(json.get("versions").has("java"));
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndCheckpoints() throws Exception {
        Path data = dataset(TestDatasets.paperLike(2));
        TrainingOptions o = TestDatasets.ufm(8, 20, "adamw", 0.05, 1e-3, 5, 7);
        quiet().train(data, o, LogSchedule.logSpaced(), tmp.resolve("a"));
        quiet().train(data, o, LogSchedule.logSpaced(), tmp.resolve("b"));
        assertEquals(metricsWithoutSeconds(tmp.resolve("a")), metricsWithoutSeconds(tmp.resolve("b")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/checkpoints/epoch-000020.npz")),
                Files.readAllBytes(tmp.resolve("b/checkpoints/epoch-000020.npz")));
        quiet().train(data, TestDatasets.ufm(8, 20, "adamw", 0.05, 1e-3, 5, 8), LogSchedule.logSpaced(), tmp.resolve("c"));
        assertFalse(metricsWithoutSeconds(tmp.resolve("a")).equals(metricsWithoutSeconds(tmp.resolve("c"))), "the seed matters");
    }

    private void assertResumeMatches(TrainingOptions opts10, Path first, Path whole) throws Exception {
        Path data = tmp.resolve("data");
        TrainingOptions opts20 = new TrainingOptions(opts10.model(), opts10.dim(), 20, opts10.optimizer(), opts10.learningRate(),
                opts10.weightDecay(), opts10.lrSchedule(), opts10.batch(), opts10.seed(), true, 1, 1, 1, false, opts10.initScale());
        Trainer.Result r = quiet().resume(first, 20, null);
        assertTrue(r.completed());
        quiet().train(data, opts20, LogSchedule.logSpaced(), whole);
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
        assertTrue(quiet().train(data, o, LogSchedule.logSpaced(), tmp.resolve("first")).completed());
        assertResumeMatches(o, tmp.resolve("first"), tmp.resolve("whole"));
    }

    @Test
    void resumeAfterAnInterruptionEqualsAnUninterruptedRun() throws Exception {
        Path data = dataset(TestDatasets.paperLike(4));
        TrainingOptions o = TestDatasets.ufm(8, 20, "adam", 0.05, 0, 0, 6);
        Trainer t = quiet();
        t.stopAfterEpoch(7);
        Trainer.Result r = t.train(data, o, LogSchedule.logSpaced(), tmp.resolve("first"));
        assertEquals("interrupted", r.status());
        assertEquals(7, r.epoch());
        assertEquals("interrupted", Json.read(tmp.resolve("first/run.json")).get("status").asText());
        assertTrue(Files.exists(tmp.resolve("first/checkpoints/epoch-000007.npz")), "Ctrl-C writes a final checkpoint");
        assertResumeMatches(o, tmp.resolve("first"), tmp.resolve("whole"));
    }

    @Test
    void reachesTheEntropyOnThePaperSyntheticSet() throws Exception {
        NtpDataset ds = TestDatasets.paperLike(6);
        Path data = dataset(ds);
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(32, 3000, "adam", 0.05, 0, 0, 1), LogSchedule.logSpaced(), tmp.resolve("run"));
        System.out.println("paper-like: H = " + ds.entropy() + ", CE - H = " + r.ceMinusH());
        assertTrue(r.ceMinusH() < 1e-3, "CE - H = " + r.ceMinusH());
        assertTrue(r.ceMinusH() > 0, "CE > H always");
    }

    @Test
    void divergenceStopsWithStatusAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path data = dataset(TestDatasets.paperLike(7));
        Path run = tmp.resolve("run");
        Trainer.Result r = quiet().train(data, TestDatasets.ufm(8, 100, "gd", 1e30, 0, 0, 1), LogSchedule.every(1), run);
        assertEquals("diverged", r.status());
        assertTrue(r.message().contains("diverged"), r.message());
        JsonNode json = Json.read(run.resolve("run.json"));
        assertEquals("diverged", json.get("status").asText());
        int lastGood = json.get("final").get("epoch").asInt();
        Map<String, NdArray> ck = Npz.read(run.resolve(String.format("checkpoints/epoch-%06d.npz", lastGood)));
        assertTrue(new Matrix(30, 16, ck.get("L").asColumnMajor()).isFinite());
        for (String line : Files.readAllLines(run.resolve("metrics.csv"))) assertFalse(line.contains("nan") || line.contains("inf"), line);
        assertThrows(UserError.class, () -> quiet().resume(run, 200, null));
    }

    @Test
    void badInputsAreUserErrors() throws Exception {
        Path data = dataset(TestDatasets.paperLike(8));
        TrainingOptions ok = TestDatasets.ufm(4, 2, "gd", 0.1, 0, 0, 1);
        Files.createDirectories(tmp.resolve("exists"));
        assertThrows(UserError.class, () -> quiet().train(data, ok, LogSchedule.logSpaced(), tmp.resolve("exists")));
        Path notData = Files.createDirectories(tmp.resolve("notdata"));
        Files.writeString(notData.resolve("dataset.npz"), "hello");
        assertThrows(UserError.class, () -> quiet().train(notData, ok, LogSchedule.logSpaced(), tmp.resolve("r1")));
        assertThrows(UserError.class, () -> quiet().train(data, TestDatasets.ufm(0, 2, "gd", 0.1, 0, 0, 1), LogSchedule.logSpaced(), tmp.resolve("r2")));
        assertThrows(UserError.class, () -> quiet().train(data, TestDatasets.ufm(4, 2, "sgdx", 0.1, 0, 0, 1), LogSchedule.logSpaced(), tmp.resolve("r3")));
        TrainingOptions f32 = new TrainingOptions("ufm", 4, 2, "gd", 0.1, 0, "constant", 0, 1, false, 1, 1, 1, false, 0.1);
        assertThrows(UserError.class, () -> quiet().train(data, f32, LogSchedule.logSpaced(), tmp.resolve("r4")));
        TrainingOptions unknown = new TrainingOptions("gpt9", 4, 2, "gd", 0.1, 0, "constant", 0, 1, true, 1, 1, 1, false, 0.1);
        assertThrows(UserError.class, () -> quiet().train(data, unknown, LogSchedule.logSpaced(), tmp.resolve("r5")));
        for (String r : new String[] {"r1", "r2", "r3", "r4", "r5"}) assertFalse(Files.exists(tmp.resolve(r)), "no run dir left for " + r);
        assertThrows(UserError.class, () -> quiet().resume(tmp.resolve("nothing"), 3, null));
    }
}
