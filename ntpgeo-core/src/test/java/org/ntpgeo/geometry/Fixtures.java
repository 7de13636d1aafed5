package org.ntpgeo.geometry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Matrix;

/** Test fixtures: small datasets, run directories in the ntpgeo-run/1 format, a tiny UFM gradient descent. */
public final class Fixtures {
    private Fixtures() {}

    /** All C(V,k) supports of size k, each repeated {@code copies} times with random counts in 1..4. */
    public static NtpDataset symmetric(int v, int k, int copies, long seed) {
        return SyntheticDatasets.symmetric(v, k, new SyntheticDatasets.Range(1, 4), copies, seed).dataset();
    }


    /** Centered support matrix, computed naively from the definition (independent of the code under test). */
    public static Matrix centeredSupport(NtpDataset ds) {
        int v = ds.vocabSize();
        Matrix s = new Matrix(v, ds.contextCount());
        for (int j = 0; j < ds.contextCount(); j++) {
            int k = ds.supportSize(j);
            for (int i = 0; i < v; i++) s.set(i, j, -(double) k / v);
            for (int z : ds.support(j)) s.set(z, j, 1 - (double) k / v);
        }
        return s;
    }

    /** L_in from its definition. */
    public static Matrix lin(NtpDataset ds) {
        Matrix l = new Matrix(ds.vocabSize(), ds.contextCount());
        for (int j = 0; j < ds.contextCount(); j++) {
            double[] logs = new double[ds.supportSize(j)];
            double mean = 0;
            for (int t = 0; t < logs.length; t++) {
                logs[t] = Math.log(ds.probability(j, ds.start(j) + t));
                mean += logs[t] / logs.length;
            }
            int[] s = ds.support(j);
            for (int t = 0; t < logs.length; t++) l.set(s[t], j, logs[t] - mean);
        }
        return l;
    }

    /** Write a dataset directory. */
    public static Path writeDataset(Path dir, NtpDataset ds) throws Exception {
        Files.createDirectories(dir);
        DatasetFiles.write(dir, ds, null);
        return dir;
    }

    /** Start a run directory: run.json naming {@code dataDir}. */
    public static Path newRun(Path runDir, Path dataDir, String model) throws Exception {
        Files.createDirectories(runDir.resolve("checkpoints"));
        ObjectNode o = Json.object();
        o.put("format", "ntpgeo-run/1");
        o.put("data", dataDir.toAbsolutePath().toString());
        o.put("data_sha256", "0");
        o.putObject("options").put("model", model).put("dim", 0);
        o.put("status", "finished");
        Json.write(runDir.resolve("run.json"), o);
        Files.writeString(runDir.resolve("metrics.csv"), "epoch,loss,ce_minus_h,norm_w,norm_h,norm_l,seconds\n");
        return runDir;
    }

    public static void writeCheckpoint(Path runDir, long epoch, Matrix w, Matrix h, Matrix l) {
        Map<String, NdArray> a = new LinkedHashMap<>();
        if (w != null) a.put("W", NdArray.ofColumnMajor(w.data, w.rows, w.cols));
        if (h != null) a.put("H", NdArray.ofColumnMajor(h.data, h.rows, h.cols));
        a.put("L", NdArray.ofColumnMajor(l.data, l.rows, l.cols));
        a.put("epoch", NdArray.scalar(epoch));
        Npz.write(runDir.resolve("checkpoints").resolve(String.format("epoch-%06d.npz", epoch)), a);
    }

    /**
     * Plain gradient descent on the UFM objective CE(W H) (no regularisation), written independently of the
     * code under test; checkpoints at the given epochs.
     */
    public static void ufmGradientDescent(Path runDir, NtpDataset ds, int d, double lr, long[] checkpointEpochs, long seed) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Random rng = new Random(seed);
        Matrix w = Matrix.gaussian(v, d, 0.1, rng), h = Matrix.gaussian(d, m, 0.1, rng);
        Matrix p = ds.probabilityMatrix();
        long last = checkpointEpochs[checkpointEpochs.length - 1];
        int next = 0;
        for (long epoch = 0; epoch <= last; epoch++) {
            Matrix l = mul(w, h);
            if (epoch == checkpointEpochs[next]) {
                writeCheckpoint(runDir, epoch, w.copy(), h.copy(), l);
                next++;
            }
            if (epoch == last) break;
            Matrix g = new Matrix(v, m);
            for (int j = 0; j < m; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < v; i++) max = Math.max(max, l.get(i, j));
                double sum = 0;
                for (int i = 0; i < v; i++) sum += Math.exp(l.get(i, j) - max);
                for (int i = 0; i < v; i++) g.set(i, j, ds.pi(j) * (Math.exp(l.get(i, j) - max) / sum - p.get(i, j)));
            }
            Matrix gw = mul(g, h.transpose());
            Matrix gh = mul(w.transpose(), g);
            w.addInPlace(-lr, gw);
            h.addInPlace(-lr, gh);
        }
    }

    /** Naive triple-loop product. */
    public static Matrix mul(Matrix a, Matrix b) {
        Matrix c = new Matrix(a.rows, b.cols);
        for (int j = 0; j < b.cols; j++) for (int t = 0; t < a.cols; t++) {
            double bt = b.get(t, j);
            if (bt == 0) continue;
            for (int i = 0; i < a.rows; i++) c.data[i + j * a.rows] += a.data[i + t * a.rows] * bt;
        }
        return c;
    }
}
