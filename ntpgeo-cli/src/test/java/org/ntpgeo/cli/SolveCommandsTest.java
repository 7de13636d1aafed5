package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.theory.ClosedForms;
import org.ntpgeo.theory.SupportPatterns;
import org.ntpgeo.theory.SvmSolution;

class SolveCommandsTest {
    private static Path dataset(Path dir, NtpDataset ds) throws Exception {
        Path d = Files.createDirectories(dir.resolve("ds"));
        DatasetFiles.write(d, ds, null);
        return d;
    }

    @Test
    void svmWritesOutputsAndExitCodesAreHonest(@TempDir Path dir) throws Exception {
        NtpDataset ds = null;
        for (long seed = 1; ds == null; seed++) {
            NtpDataset c = SupportPatterns.random(10, 24, 1, 5, seed);
            if (!ClosedForms.certificate(c).holds()) ds = c;
        }
        Path data = dataset(dir, ds);
        assertEquals(0, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("o1").toString()));
        SvmSolution s = SvmSolution.read(dir.resolve("o1"));
        assertTrue(s.converged());
        assertEquals(10, s.lmm().rows);
        assertEquals(2, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("o1").toString()), "exists");
        assertEquals(3, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("o2").toString(),
                "--max-iterations", "1"), "iteration cap -> exit 3");
        assertTrue(Files.isRegularFile(dir.resolve("o2").resolve("svm.json")), "outputs are still written");
        assertEquals(2, Ntpgeo.run("solve", "svm", "--data", dir.resolve("missing").toString(), "--out", dir.resolve("o3").toString()));
    }

    @Test
    void svmSolvesOnClassesByDefaultAndFullOnRequest(@TempDir Path dir) throws Exception {
        assertEquals(0, Ntpgeo.run("data", "synth", "--kind", "classes", "--vocab", "9", "--contexts", "80", "--classes", "12",
                "--support-size", "1..3", "--out", dir.resolve("ds").toString()));
        Path data = dir.resolve("ds");
        assertEquals(12, DatasetFiles.read(data).supportClassCount());
        assertEquals(0, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("c").toString()));
        assertEquals(0, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("f").toString(), "--formulation", "full"));
        var cj = org.ntpgeo.io.Json.read(dir.resolve("c").resolve("svm.json"));
        var fj = org.ntpgeo.io.Json.read(dir.resolve("f").resolve("svm.json"));
        assertEquals("classes", cj.get("formulation").asText());
        assertEquals("full", fj.get("formulation").asText());
        assertEquals(12, cj.get("classes").asInt());
        assertEquals("[\"classes.npz\",\"lmm.npy\",\"dual.npy\",\"svm.json\"]", cj.get("files").toString());
        for (String f : new String[] {"classes.npz", "lmm.npy", "dual.npy", "svm.json"}) assertTrue(Files.isRegularFile(dir.resolve("c").resolve(f)), f);
        assertEquals(fj.get("nuclear_norm").asDouble(), cj.get("nuclear_norm").asDouble(), 1e-5 * fj.get("nuclear_norm").asDouble());
        assertEquals(2, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("x").toString(), "--formulation", "sparse"));
        assertEquals(2, Ntpgeo.run("data", "synth", "--kind", "classes", "--vocab", "3", "--contexts", "80", "--classes", "50",
                "--out", dir.resolve("ds2").toString()), "more classes than distinct supports");
    }

    @Test
    void pathWritesCsvAndReusesSvm(@TempDir Path dir) throws Exception {
        Path data = dataset(dir, SupportPatterns.random(6, 10, 1, 3, 4));
        assertEquals(0, Ntpgeo.run("solve", "svm", "--data", data.toString(), "--out", dir.resolve("svm").toString()));
        assertEquals(0, Ntpgeo.run("solve", "path", "--data", data.toString(), "--lambdas", "1e-1:1e-3:3", "--svm",
                dir.resolve("svm").toString(), "--out", dir.resolve("path").toString()));
        var lines = Files.readAllLines(dir.resolve("path").resolve("path.csv"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("k,lambda,ce,"));
        assertTrue(Files.isRegularFile(dir.resolve("path").resolve("lambda-2.npy")));
        // provenance: the dataset and the L_mm the path used are recorded by their sha256 (computed here independently)
        var svmProv = org.ntpgeo.io.Json.read(dir.resolve("svm").resolve("svm.json")).get("provenance");
        var pathProv = org.ntpgeo.io.Json.read(dir.resolve("path").resolve("path.json")).get("provenance");
        String datasetSha = sha256(data.resolve("dataset.npz"));
        assertEquals(datasetSha, svmProv.at("/inputs/dataset/sha256").asText());
        assertEquals(datasetSha, pathProv.at("/inputs/dataset/sha256").asText());
        assertEquals(sha256(dir.resolve("svm").resolve("svm.json")), pathProv.at("/inputs/svm/sha256").asText());
        assertEquals("ntpgeo solve svm", svmProv.get("created_by").asText());
        assertEquals(1e-6, svmProv.at("/options/gap_tolerance").asDouble());
        assertEquals("1e-1:1e-3:3", pathProv.at("/options/lambdas").asText());
        assertTrue(pathProv.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), pathProv.toString());
        assertEquals(2, Ntpgeo.run("solve", "path", "--data", data.toString(), "--lambdas", "x:y:z", "--out",
                dir.resolve("p2").toString()));
    }

    private static String sha256(Path file) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(d);
    }
}
