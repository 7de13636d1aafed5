package org.ntpgeo.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.neural.NeuralModelProvider;
import org.ntpgeo.neural.TorchRuntime;
import org.ntpgeo.train.TrainableModel;
import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;

/**
 * Seconds per full-batch AdamW epoch of the transformer and the LSTM at the authors' size (V=104, m=404, T-1=5,
 * d=128; 4 decoder layers with 4 heads, 2 LSTM layers), on a random dataset of that shape. Prints one
 * tab-separated line per model: {@code kind dtype threads wall_s_per_epoch cpu_s_per_epoch params loss}. bench/neural_torch.py times
 * the same architectures in PyTorch.
 *
 * <p>Usage: {@code NeuralBench [epochs=20] [threads=1] [float32|float64] [kinds=transformer,lstm,mlp]}
 */
public final class NeuralBench {
    private NeuralBench() {}

    /** Random dataset with the authors' shape: m contexts of w tokens over V, supports of 1..8 tokens. */
    public static NtpDataset authorsSizeData(int v, int m, int w, long seed) {
        Random rng = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        int[] ctx = new int[m * w];
        for (int j = 0; j < m; j++) {
            Map<Integer, Long> c = new HashMap<>();
            int k = 1 + rng.nextInt(8);
            while (c.size() < k) c.put(rng.nextInt(v), 1L + rng.nextInt(4));
            cols.add(c);
            for (int t = 0; t < w; t++) ctx[j * w + t] = rng.nextInt(v);
        }
        NtpDataset base = NtpDataset.fromColumns(v, cols, null);
        return new NtpDataset(v, base.colPtr(), base.supportTokensFlat(), base.countsFlat(), null, w, ctx);
    }
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean f64 = args.length > 2 && args[2].equals("float64");
        String[] kinds = (args.length > 3 ? args[3] : "transformer,lstm,mlp").split(",");
        NtpDataset data = authorsSizeData(104, 404, 5, 1);
        TorchRuntime.engine(threads);
        for (String kind : kinds) {
            // the transformer keeps its defaults (4 blocks, 4 heads); 2 layers for the LSTM and the MLP
            TrainingOptions.Builder b = TrainingOptions.builder(kind).dim(128).epochs(epochs).optimizer(OptimizerKind.ADAMW)
                    .learningRate(1e-3).weightDecay(1e-4).seed(1).dtype(f64 ? Dtype.FLOAT64 : Dtype.FLOAT32).threads(threads);
            if (!kind.equals("transformer")) b.layers(2);
            TrainingOptions o = b.build();
            try (TrainableModel model = new NeuralModelProvider().create(data, o)) {
                for (int e = 0; e < 5; e++) model.trainEpoch(e, 1e-3); // warm-up (JIT, allocator)
                long c0 = Machine.processCpuNanos();
                long t0 = System.nanoTime();
                for (int e = 0; e < epochs; e++) model.trainEpoch(5 + e, 1e-3);
                double s = (System.nanoTime() - t0) / 1e9 / epochs;
                double cpu = (Machine.processCpuNanos() - c0) / 1e9 / epochs;
                long params = ((org.ntpgeo.neural.NeuralModel) model).parameterCount();
                System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.6f\t%.6f\t%d\tloss=%.6f%n", kind,
                        f64 ? "float64" : "float32", threads, s, cpu, params, model.loss());
            }
        }
    }
}
