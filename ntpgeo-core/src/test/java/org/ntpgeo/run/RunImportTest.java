package org.ntpgeo.run;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.ReferenceLoader;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.io.PythonNumpy;
import org.ntpgeo.linalg.Matrix;

class RunImportTest {
    @TempDir
    Path tmp;

    private static Matrix random(int rows, int cols, Random rng) {
        return Matrix.gaussian(rows, cols, 1, rng);
    }

    private static Path npy(Path file, Matrix a) {
        Npy.write(file, NdArray.ofColumnMajor(a.data, a.rows, a.cols));
        return file;
    }

    /** CE(L) straight from theory.md: -sum_j pi_j sum_z p_j[z] log softmax(l_j)[z], with a naive max-shifted log-sum-exp. */
    static double naiveCe(NtpDataset ds, double[][] l) {
        double n = ds.pairCount(), total = 0;
        for (int j = 0; j < ds.contextCount(); j++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (double[] row : l) mx = Math.max(mx, row[j]);
            double s = 0;
            for (double[] row : l) s += Math.exp(row[j] - mx);
            for (int k = ds.start(j); k < ds.end(j); k++) total -= ds.count(k) / n * (l[ds.token(k)][j] - mx - Math.log(s));
        }
        return total;
    }

    /** W H by the definition of the matrix product, row-major. */
    static double[][] product(Matrix w, Matrix h) {
        double[][] l = new double[w.rows][h.cols];
        for (int i = 0; i < w.rows; i++) {
            for (int j = 0; j < h.cols; j++) {
                double s = 0;
                for (int k = 0; k < w.cols; k++) s += w.get(i, k) * h.get(k, j);
                l[i][j] = s;
            }
        }
        return l;
    }

    @Test
    void javaWrittenArraysBecomeARunThatAnalysisReads() throws Exception {
        Path data = RunFormatTest.writeDataset(tmp.resolve("data"), 5);
        NtpDataset ds = DatasetFiles.read(data);
        Random rng = new Random(1);
        Matrix w1 = random(30, 4, rng), h1 = random(4, 16, rng), w2 = w1.times(3), h2 = h1.times(3);
        Path out = RunImport.write(data, List.of(new RunImport.Source(100, npy(tmp.resolve("W100.npy"), w2), npy(tmp.resolve("H100.npy"), h2)),
                new RunImport.Source(5, npy(tmp.resolve("W5.npy"), w1), npy(tmp.resolve("H5.npy"), h1))), "mine", tmp.resolve("run"));

        List<RunFiles.CheckpointFile> cps = RunFiles.listCheckpoints(out);
        assertEquals(List.of(5L, 100L), cps.stream().map(RunFiles.CheckpointFile::epoch).toList());
        RunFiles.Checkpoint c = RunFiles.loadCheckpoint(cps.get(1), 30, 16);
        assertArrayEquals(w2.data, c.w().data);
        assertArrayEquals(h2.data, c.h().data);
        double[][] l = product(w2, h2);
        for (int i = 0; i < 30; i++) for (int j = 0; j < 16; j++) assertEquals(l[i][j], c.l().get(i, j), 1e-12);
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,loss,ce_minus_h,norm_w,norm_h,norm_l,seconds", rows.get(0));
        assertEquals(3, rows.size());
        assertEquals(naiveCe(ds, product(w1, h1)), Double.parseDouble(rows.get(1).split(",")[1]), 1e-9);
        assertEquals(naiveCe(ds, l), Double.parseDouble(rows.get(2).split(",")[1]), 1e-9);

        JsonNode json = Json.read(out.resolve("run.json"));
        assertEquals("completed", json.get("status").asText());
        assertEquals("../data", json.get("data").asText());
        assertEquals(100, json.get("final").get("epoch").asInt());
        JsonNode prov = json.get("provenance");
        assertEquals("ntpgeo run import", prov.get("created_by").asText());
        assertEquals("mine", prov.get("options").get("model").asText());
        assertEquals(4, prov.get("options").get("dim").asInt());
        assertEquals(DatasetFiles.sha256(tmp.resolve("W5.npy")), prov.get("imported_from").get(0).get("W_sha256").asText());
        assertFalse(Files.exists(out.resolve("state")), "an imported run has no training state");

        RunReader.TrainingRun run = RunReader.open(out, null);
        assertEquals("mine", run.model());
        RunAnalysis a = RunAnalysis.analyze(run, ds, ReferenceLoader.load(ds, null, ProgressListener.NONE), ProgressListener.NONE);
        assertEquals(2, a.series().size());
        assertEquals(4, a.claims().size());
        UserError e = assertThrows(UserError.class, () -> new org.ntpgeo.train.Trainer().resume(out,
                org.ntpgeo.train.TrainingOptions.builder().epochs(200), null));
        assertTrue(e.getMessage().contains("no saved state"), e.getMessage());
    }

    @Test
    void shapesAreCheckedAgainstTheDatasetAndNothingIsLeftBehind() throws Exception {
        Path data = RunFormatTest.writeDataset(tmp.resolve("data"), 6);
        Random rng = new Random(2);
        Path w = npy(tmp.resolve("W.npy"), random(30, 4, rng)), h = npy(tmp.resolve("H.npy"), random(4, 16, rng));
        Path wT = npy(tmp.resolve("WT.npy"), random(4, 30, rng)), hT = npy(tmp.resolve("HT.npy"), random(16, 4, rng));
        Path h5 = npy(tmp.resolve("H5.npy"), random(5, 16, rng)), hm = npy(tmp.resolve("Hm.npy"), random(4, 17, rng));
        Path w5 = npy(tmp.resolve("W5.npy"), random(30, 5, rng));
        Matrix bad = random(4, 16, rng);
        bad.data[3] = Double.NaN;
        Path hNaN = npy(tmp.resolve("HNaN.npy"), bad);
        Path run = tmp.resolve("run");
        String[][] cases = {
            {"transposed? save W.T", wT.toString(), h.toString()},
            {"transposed? save H.T", w.toString(), hT.toString()},
            {"the embedding dimensions d must agree", w.toString(), h5.toString()},
            {"m = 16 contexts", w.toString(), hm.toString()},
            {"NaN", w.toString(), hNaN.toString()},
            {"no such file", tmp.resolve("nope.npy").toString(), h.toString()},
        };
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> RunImport.write(data, List.of(new RunImport.Source(0, Path.of(c[1]), Path.of(c[2]))),
                    "x", run));
            assertTrue(e.getMessage().contains(c[0]), c[0] + " / " + e.getMessage());
        }
        UserError e = assertThrows(UserError.class, () -> RunImport.write(data, List.of(new RunImport.Source(0, w, h),
                new RunImport.Source(1, w5, npy(tmp.resolve("H55.npy"), random(5, 16, rng)))), "x", run));
        assertTrue(e.getMessage().contains("the first checkpoint has d = 4"), e.getMessage());
        e = assertThrows(UserError.class, () -> RunImport.write(data, List.of(new RunImport.Source(3, w, h), new RunImport.Source(3, w, h)), "x", run));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("run")), "no run and no staging left");
        }
    }

    /** Arrays written by numpy (float32 in C order, float64 in Fortran order, .npz with an epoch) import exactly. */
    @Test
    void numpyWrittenArraysImport() throws Exception {
        Path python = PythonNumpy.find();
        Assumptions.assumeTrue(python != null, "no python3 with numpy");
        Path data = RunFormatTest.writeDataset(tmp.resolve("data"), 7);
        Path dir = Files.createDirectories(tmp.resolve("export"));
        String out = PythonNumpy.run(python, String.join("\n",
                "import numpy as np, sys",
                "d = sys.argv[1]",
                "rng = np.random.default_rng(0)",
                "for e in (10, 2):",
                "    W = rng.standard_normal((30, 6)).astype(np.float32)",
                "    H = np.asfortranarray(rng.standard_normal((6, 16)))",
                "    np.savez(f'{d}/ckpt-{e}.npz', W=W, H=H, epoch=np.int64(e))",
                "    if e == 10:",
                "        np.save(f'{d}/../W.npy', W); np.save(f'{d}/../H.npy', H)",
                "        L = W.astype(np.float64) @ H",
                "        print(repr(float(W[3, 5])), repr(float(H[5, 15])), repr(float(L[29, 7])))"), dir.toString()).trim();
        String[] expect = out.split("\\s+");
        List<RunImport.Source> sources = RunImport.fromNpz(dir);
        assertEquals(List.of(2L, 10L), sources.stream().map(RunImport.Source::epoch).toList(), "epochs from the arrays, sorted");
        Path run = RunImport.write(data, sources, "numpy", tmp.resolve("run"));
        RunFiles.Checkpoint c = RunFiles.loadCheckpoint(RunFiles.listCheckpoints(run).get(1), 30, 16);
        assertEquals(Double.parseDouble(expect[0]), c.w().get(3, 5), 0);
        assertEquals(Double.parseDouble(expect[1]), c.h().get(5, 15), 0);
        assertEquals(Double.parseDouble(expect[2]), c.l().get(29, 7), 1e-12);
        Path single = RunImport.write(data, List.of(new RunImport.Source(10, tmp.resolve("W.npy"), tmp.resolve("H.npy"))), "numpy",
                tmp.resolve("run2"));
        RunFiles.Checkpoint c2 = RunFiles.loadCheckpoint(RunFiles.listCheckpoints(single).get(0), 30, 16);
        assertArrayEquals(c.w().data, c2.w().data);
        assertArrayEquals(c.h().data, c2.h().data);
    }
}
