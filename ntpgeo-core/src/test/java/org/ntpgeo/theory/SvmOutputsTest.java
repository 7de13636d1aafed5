package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.io.Npz;
import org.ntpgeo.io.PythonNumpy;

/** The on-disk contract of a solution: classes.npz (checked by numpy), the V x m files, svm.json, old directories. */
class SvmOutputsTest {
    @TempDir
    Path dir;

    @Test
    void writeAndReadBackAtClassLevel() {
        NtpDataset ds = SupportClassSolverTest.repeated(9, 120, 15, 5);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        s.write(dir);
        for (String f : new String[] {SvmSolution.CLASSES_FILE, SvmSolution.LMM_FILE, SvmSolution.DUAL_FILE, SvmSolution.JSON_FILE}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        JsonNode json = Json.read(dir.resolve(SvmSolution.JSON_FILE));
        assertEquals(15, json.get("classes").asInt());
        assertEquals(120.0 / 15, json.get("reduction").asDouble(), 1e-12);
        assertEquals("classes", json.get("formulation").asText());
        assertEquals(4, json.get("files").size());
        // the V x m files are the expansion of the class level
        NdArray full = Npy.read(dir.resolve(SvmSolution.LMM_FILE));
        assertEquals(0, new org.ntpgeo.linalg.Matrix(9, 120, full.asColumnMajor()).minus(s.lmm()).maxAbs(), 0);
        NdArray dual = Npy.read(dir.resolve(SvmSolution.DUAL_FILE));
        assertEquals(0, new org.ntpgeo.linalg.Matrix(9, 120, dual.asColumnMajor()).minus(s.dual()).maxAbs(), 0);

        SvmSolution r = SvmSolution.read(dir);
        assertEquals(0, r.classLmm().minus(s.classLmm()).maxAbs(), 0);
        assertEquals(0, r.classDual().minus(s.classDual()).maxAbs(), 0);
        assertEquals(0, r.lmm().minus(s.lmm()).maxAbs(), 0);
        assertEquals(0, r.dual().minus(s.dual()).maxAbs(), 0);
        assertEquals(s.nuclearNorm(), r.nuclearNorm(), 0);
        assertEquals(s.rank(), r.rank());
        assertEquals(s.converged(), r.converged());
        assertEquals(s.method(), r.method());
        assertEquals(s.formulation(), r.formulation());
        assertEquals(s.relativeDualityGap(), r.relativeDualityGap(), 0);

        Path small = dir.resolve("small");
        s.write(small, false);
        assertFalse(Files.exists(small.resolve(SvmSolution.LMM_FILE)));
        assertEquals(2, Json.read(small.resolve(SvmSolution.JSON_FILE)).get("files").size());
        assertEquals(0, SvmSolution.read(small).lmm().minus(s.lmm()).maxAbs(), 0, "expanded from classes.npz alone");
    }

    @Test
    void directoriesOfOldVersionsStillRead() {
        NtpDataset ds = SupportClassSolverTest.repeated(7, 30, 8, 2);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        // an old directory: lmm.npy (V x m), svm.json without the class fields, no classes.npz, no dual.npy
        Npy.write(dir.resolve(SvmSolution.LMM_FILE), NdArray.ofColumnMajor(s.lmm().data, 7, 30));
        ObjectNode old = s.toJson();
        for (String k : new String[] {"classes", "reduction", "largest_class", "formulation", "files"}) old.remove(k);
        Json.write(dir.resolve(SvmSolution.JSON_FILE), old);
        SvmSolution r = SvmSolution.read(dir);
        assertEquals(30, r.classCount(), "each context its own class");
        assertEquals(SvmFormulation.FULL, r.formulation());
        assertNull(r.dual());
        assertEquals(0, r.lmm().minus(s.lmm()).maxAbs(), 0);
        assertEquals(s.nuclearNorm(), r.nuclearNorm(), 0);
        assertThrows(UserError.class, () -> SvmSolution.read(dir.resolve("nothing")));
    }

    @Test
    void inconsistentClassFilesAreUserErrors() {
        NtpDataset ds = SupportClassSolverTest.repeated(7, 30, 8, 3);
        NtpSvmSolver.solve(ds, SvmOptions.defaults()).write(dir, false);
        Map<String, NdArray> a = new LinkedHashMap<>(Npz.read(dir.resolve(SvmSolution.CLASSES_FILE)));
        long[] sizes = a.get("class_size").asLongs().clone();
        sizes[0]++;
        a.put("class_size", NdArray.ofLongs(sizes, sizes.length));
        Npz.write(dir.resolve(SvmSolution.CLASSES_FILE), a);
        UserError e = assertThrows(UserError.class, () -> SvmSolution.read(dir));
        assertTrue(e.getMessage().contains("class 0"), e.getMessage());
    }

    /** numpy alone (../shared/tools/check-classes-npz) certifies classes.npz against the dataset, and rejects a broken one. */
    @Test
    void numpyCertifiesClassesNpz() throws Exception {
        Path check = PythonNumpy.findShared("tools/check-classes-npz");
        Path python = PythonNumpy.find();
        assumeTrue(check != null && python != null, "check-classes-npz or numpy not available");
        NtpDataset ds = SupportClassSolverTest.repeated(12, 400, 40, 9);
        Path data = Files.createDirectories(dir.resolve("data")), out = dir.resolve("out");
        DatasetFiles.write(data, ds, null);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        assertTrue(s.converged() && s.classCount() < ds.contextCount());
        s.write(out, false);
        String res = PythonNumpy.run(python, """
                import sys, numpy as np
                z = np.load(sys.argv[1])
                print(z['context_class'].dtype, z['context_class'].shape, z['class_size'].dtype, z['class_size'].shape,
                      z['lmm'].dtype, z['lmm'].shape, z['dual'].dtype, z['dual'].shape)
                """, out.resolve(SvmSolution.CLASSES_FILE).toString());
        assertEquals("int32 (400,) int64 (40,) float64 (12, 40) float64 (12, 40)", res.trim());
        Result ok = run(check, data, out);
        assertEquals(0, ok.exit, ok.log);
        JsonNode verdict = Json.mapper().readTree(ok.log.trim());
        assertTrue(verdict.get("ok").asBoolean());
        assertTrue(verdict.get("gap").asDouble() <= 1e-6, ok.log);
        // numpy takes square roots of Gram eigenvalues: each singular value carries ~sqrt(eps) s_max of rounding
        assertEquals(s.nuclearNorm(), verdict.get("primal").asDouble(), 1e-7 * s.nuclearNorm(), "numpy's nuclear norm");

        // negative control: one in-support logit moved breaks primal feasibility, and the tool must say so
        Map<String, NdArray> a = new LinkedHashMap<>(Npz.read(out.resolve(SvmSolution.CLASSES_FILE)));
        double[] l = a.get("lmm").asColumnMajor().clone();
        l[ds.token(ds.start(0)) + 12 * s.contextClass(0)] += 1e-3;
        a.put("lmm", NdArray.ofColumnMajor(l, 12, 40));
        Npz.write(out.resolve(SvmSolution.CLASSES_FILE), a);
        Result bad = run(check, data, out);
        assertNotEquals(0, bad.exit, bad.log);
        assertFalse(Json.mapper().readTree(bad.log.trim()).get("ok").asBoolean());
    }

    private record Result(int exit, String log) {}

    private static Result run(Path check, Path data, Path out) throws Exception {
        Process p = new ProcessBuilder("bash", check.toString(), data.resolve(DatasetFiles.NPZ).toString(), out.toString()).start();
        String log = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), log);
    }
}
