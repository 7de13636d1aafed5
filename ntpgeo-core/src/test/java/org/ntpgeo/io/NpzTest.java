package org.ntpgeo.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryDtypeAndIsDeterministic() throws Exception {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("V", NdArray.scalar(7L));
        a.put("x", NdArray.ofColumnMajor(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        a.put("i", NdArray.ofInts(new int[] {-1, 0, 2147483647}, 3));
        a.put("l", NdArray.ofLongs(new long[] {Long.MIN_VALUE, 5}, 2));
        a.put("s", NdArray.ofStrings(new String[] {"a", "héllo", "日本", ""}));
        a.put("f", NdArray.ofFloats(new float[] {1.5f}, 1));
        a.put("b", NdArray.ofBooleans(new boolean[] {true, false}, 2));
        Path f1 = dir.resolve("a.npz"), f2 = dir.resolve("b.npz");
        Npz.write(f1, a);
        Npz.write(f2, a);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        Map<String, NdArray> b = Npz.read(f1);
        assertEquals(a.keySet(), b.keySet());
        assertEquals(7L, b.get("V").longScalar());
        assertEquals(0, b.get("V").ndim());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.get("x").asColumnMajor());
        assertArrayEquals(new long[] {2, 3}, b.get("x").shape());
        assertArrayEquals(new int[] {-1, 0, 2147483647}, b.get("i").asInts());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, b.get("l").asLongs());
        assertArrayEquals(new String[] {"a", "héllo", "日本", ""}, b.get("s").asStrings());
        assertArrayEquals(new boolean[] {true, false}, b.get("b").asBooleans());
        assertEquals(1.5, b.get("f").asDoubles()[0]);
    }

    @Test
    void cOrderMatrixConvertsToColumnMajor() {
        NdArray c = NdArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 2, 3); // rows [1 2 3], [4 5 6]
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, c.asColumnMajor());
    }

    @Test
    void headerIsPaddedTo64Bytes() {
        String h = Npy.header(NdArray.ofInts(new int[] {1, 2}, 2));
        assertEquals(0, (10 + h.length()) % 64);
        assertTrue(h.endsWith("\n"));
        assertTrue(h.contains("'shape': (2, )") || h.contains("'shape': (2,)"));
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        Path py = PythonNumpy.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(py != null, "python3 with numpy not installed");
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("m", NdArray.scalar(3L));
        a.put("x", NdArray.ofColumnMajor(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        a.put("s", NdArray.ofStrings(new String[] {"the", "ü"}));
        Path f = dir.resolve("c.npz");
        Npz.write(f, a);
        String out = PythonNumpy.run(py, "import numpy as np,sys; z=np.load(sys.argv[1]); "
                + "print(int(z['m']), z['m'].dtype, z['x'].tolist(), z['s'].tolist())", f.toString());
        assertEquals("3 int64 [[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]] ['the', 'ü']", out.trim());
    }
}
