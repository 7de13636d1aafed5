package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.SupportPatterns;

/** {@code ntpgeo run import}: Java-written arrays become a run that analyze and report compare accept. */
class RunImportCommandTest {
    @TempDir
    Path tmp;

    private Path npy(String name, Matrix a) {
        Path f = tmp.resolve(name);
        Npy.write(f, NdArray.ofColumnMajor(a.data, a.rows, a.cols));
        return f;
    }

    @Test
    void importedRunsAreAnalysedAndComparedLikeTrainedOnes() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        DatasetFiles.write(data, SupportPatterns.random(12, 20, 1, 3, 5), null);
        Random rng = new Random(3);
        Matrix w = Matrix.gaussian(12, 6, 1, rng), h = Matrix.gaussian(6, 20, 1, rng);
        String run = tmp.resolve("imported").toString();
        assertEquals(0, Cli.run("run", "import", "--data", data.toString(), "--W", npy("W1.npy", w).toString(), "--H",
                npy("H1.npy", h).toString(), "--epoch", "10", "--W", npy("W2.npy", w.times(2)).toString(), "--H",
                npy("H2.npy", h.times(2)).toString(), "--epoch", "100", "--model", "torch-mlp", "--out", run).code());
        assertEquals("torch-mlp", Json.read(Path.of(run, "run.json")).get("provenance").get("options").get("model").asText());
        // a directory of .npz files (epochs from their 'epoch' arrays)
        Path dir = Files.createDirectories(tmp.resolve("ckpts"));
        for (int e : new int[] {3, 30}) {
            Map<String, NdArray> a = new LinkedHashMap<>();
            a.put("W", NdArray.ofColumnMajor(w.times(e).data, 12, 6));
            a.put("H", NdArray.ofColumnMajor(h.data, 6, 20));
            a.put("epoch", NdArray.scalar((long) e));
            Npz.write(dir.resolve("step" + e + ".npz"), a);
        }
        String run2 = tmp.resolve("imported2").toString();
        assertEquals(0, Cli.run("run", "import", "--data", data.toString(), "--checkpoints", dir.toString(), "--out", run2).code());
        assertTrue(Files.exists(Path.of(run2, "checkpoints/epoch-000030.npz")));

        assertEquals(0, Cli.run("analyze", "--run", run, "--out", tmp.resolve("report").toString()).code());
        assertTrue(Files.isRegularFile(tmp.resolve("report/index.html")));
        assertEquals(0, Cli.run("report", "compare", run, run2, "--out", tmp.resolve("compare").toString()).code());
        assertTrue(Files.readString(tmp.resolve("compare/index.html")).contains("torch-mlp"));
    }

    @Test
    void badShapesAndArgumentsAreOneLineErrors() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        DatasetFiles.write(data, SupportPatterns.random(12, 20, 1, 3, 5), null);
        Random rng = new Random(4);
        String w = npy("W.npy", Matrix.gaussian(12, 6, 1, rng)).toString(), h = npy("H.npy", Matrix.gaussian(6, 20, 1, rng)).toString();
        String wt = npy("WT.npy", Matrix.gaussian(6, 12, 1, rng)).toString(), hBad = npy("Hbad.npy", Matrix.gaussian(6, 19, 1, rng)).toString();
        String out = tmp.resolve("run").toString();
        String[][] cases = {
            {"W is 6 x 12 but the dataset has V = 12 words", "--W", wt, "--H", h},
            {"H is 6 x 19 but the dataset has m = 20 contexts", "--W", w, "--H", hBad},
            {"give one --H per --W (got 1 and 0)", "--W", w},
            {"give one --epoch per --W/--H pair (got 2 for 1)", "--W", w, "--H", h, "--epoch", "1", "--epoch", "2"},
            {"give either --checkpoints or --W/--H pairs, not both", "--W", w, "--H", h, "--checkpoints", tmp.toString()},
            {"no .npz files in", "--checkpoints", Files.createDirectories(tmp.resolve("empty")).toString()},
            {"has no array 'W' (it has V, m, support_token", "--checkpoints", data.resolve("dataset.npz").toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 4];
            args[0] = "run";
            args[1] = "import";
            args[2] = "--data";
            args[3] = data.toString();
            System.arraycopy(c, 1, args, 4, c.length - 1);
            args[args.length - 1] = "--out=" + out;
            Cli.Outcome o = Cli.run(args);
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().startsWith("ntpgeo: error: ") && o.err().contains(c[0]) && o.err().strip().split("\n").length == 1, o.err());
        }
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("run")), "nothing left behind");
        }
        assertEquals(List.of(), Cli.staging(tmp, "run"));
    }
}
