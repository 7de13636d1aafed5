package org.ntpgeo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.neural.TorchRuntime;
import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.Models;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.ReportsEpochLoss;
import org.ntpgeo.train.TrainableModel;
import org.ntpgeo.train.TrainingOptions;

/**
 * Time to target: full-batch training of a neural model on a dataset until CE - H <= target, timed from the first
 * step. The loss of each epoch is the one the step computes anyway (full batch: the loss of the parameters before
 * the step, in the model's dtype), so epoch e counts as reached when the state after e epochs is within the target;
 * bench/neural_ttt.py trains the same model from the same initial parameters (the state file written with
 * {@code init=FILE}) with PyTorch and reports the same numbers. Prints one tab-separated line:
 * {@code kind dtype threads epochs_to_target wall_s cpu_s wall_s_per_epoch final_ce_minus_h}
 * (epochs_to_target -1 when the target was not reached within {@code epochs}).
 *
 * <p>Usage: {@code TimeToTarget data=DIR [kind=transformer] [dim=128] [layers=4] [heads=4] [dtype=float32]
 * [optimizer=adamw] [lr=1e-3] [wd=1e-6] [schedule=constant] [clip=0] [epochs=600] [threads=1] [seed=0]
 * [target=0.01] [init=FILE.npz] [curve=FILE.csv]}
 */
public final class TimeToTarget {
    private TimeToTarget() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("arguments are key=value, got " + s);
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        NtpDataset data = DatasetFiles.read(Path.of(req(a, "data")));
        String kind = a.getOrDefault("kind", "transformer");
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "600"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        double target = Double.parseDouble(a.getOrDefault("target", "0.01"));
        double clip = Double.parseDouble(a.getOrDefault("clip", "0"));
        TrainingOptions.Builder b = TrainingOptions.builder(kind).dim(Integer.parseInt(a.getOrDefault("dim", "128")))
                .epochs(epochs).optimizer(OptimizerKind.parse(a.getOrDefault("optimizer", "adamw")))
                .learningRate(Double.parseDouble(a.getOrDefault("lr", "1e-3"))).weightDecay(Double.parseDouble(a.getOrDefault("wd", "1e-6")))
                .lrSchedule(LrSchedule.parse(a.getOrDefault("schedule", "constant"))).seed(Long.parseLong(a.getOrDefault("seed", "0")))
                .dtype(Dtype.parse(a.getOrDefault("dtype", "float32"))).threads(threads);
        if (a.containsKey("layers")) b.layers(Integer.parseInt(a.get("layers")));
        if (a.containsKey("heads")) b.heads(Integer.parseInt(a.get("heads")));
        if (clip > 0) b.gradClip(clip);
        TrainingOptions o = b.build();
        TorchRuntime.engine(threads);
        double entropy = data.entropy();
        StringBuilder curve = new StringBuilder("epoch,ce_minus_h,seconds\n");
        try (TrainableModel model = Models.create(data, o)) {
            if (a.containsKey("init")) model.saveState(Path.of(a.get("init")));
            ReportsEpochLoss losses = (ReportsEpochLoss) model;
            int reached = -1;
            double seconds = 0, cpu = 0, last = Double.NaN;
            long c0 = Machine.processCpuNanos();
            long t0 = System.nanoTime();
            int e = 0;
            for (; e < epochs; e++) {
                model.trainEpoch(e, o.lrSchedule().rate(o.learningRate(), e, epochs));
                last = losses.lastEpochLoss() - entropy; // the state after e epochs
                double t = (System.nanoTime() - t0) / 1e9;
                curve.append(e).append(',').append(last).append(',').append(t).append('\n');
                if (!Double.isFinite(last)) break;
                if (last <= target) {
                    reached = e;
                    seconds = t;
                    cpu = (Machine.processCpuNanos() - c0) / 1e9;
                    break;
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (reached < 0) {
                seconds = wall;
                cpu = (Machine.processCpuNanos() - c0) / 1e9;
            }
            if (a.containsKey("curve")) Files.writeString(Path.of(a.get("curve")), curve);
            System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.5f\t%.5g%n", kind, o.dtype().id(), threads, reached, seconds, cpu,
                    wall / Math.max(1, Math.min(e + 1, epochs)), last);
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    private static String req(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) throw new IllegalArgumentException("missing " + key + "=...");
        return v;
    }
}
