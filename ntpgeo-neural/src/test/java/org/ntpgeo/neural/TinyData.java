package org.ntpgeo.neural;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;

/** Small datasets with context tokens and option presets for the neural tests. */
final class TinyData {
    private TinyData() {}

    /** m contexts of width w (distinct sequences) over V tokens, 1..3 next tokens each with counts 1..4 (the library generator). */
    static NtpDataset dataset(int v, int m, int w, long seed) {
        NtpDataset base = SyntheticDatasets.randomDataset(SyntheticDatasets.RandomSpec.of(v, m).withSupportSize(1, 3).withCounts(1, 4).withSeed(seed));
        return SyntheticDatasets.withContextTokens(base, w, v, seed);
    }

    static TrainingOptions options(String kind, int dim, String optimizer, double lr, double wd, int batch, boolean f64,
                                   int layers, int heads, boolean rope) {
        TrainingOptions.Builder b = TrainingOptions.builder(kind).dim(dim).epochs(10).optimizer(OptimizerKind.parse(optimizer))
                .learningRate(lr).weightDecay(wd).batch(batch).seed(42L).dtype(f64 ? Dtype.FLOAT64 : Dtype.FLOAT32).threads(1).layers(layers);
        if (kind.equals("transformer")) b.heads(heads).rope(rope); // the other kinds have neither
        return b.build();
    }
}
