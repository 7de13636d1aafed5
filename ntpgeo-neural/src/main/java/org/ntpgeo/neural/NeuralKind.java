package org.ntpgeo.neural;

import java.util.Locale;
import org.ntpgeo.train.ModelDefaults;

/** The neural model kinds of this module, their defaults and (roughly) their encoder sizes. */
enum NeuralKind {
    /** Llama-style decoder: RMSNorm, SwiGLU, causal attention; 4 blocks, 4 heads, no positional encoding by default. */
    TRANSFORMER(4, 1, new ModelDefaults(1, 4, 4, false, null)),
    /** Stacked LSTM, 2 layers by default. */
    LSTM(2, 1, new ModelDefaults(1, 2, null, null, null)),
    /** Deep MLP on the concatenated context embeddings, 4 hidden layers by default (0 = linear). */
    MLP(4, 0, new ModelDefaults(1, 4, null, null, null));

    final int defaultLayers;
    final int minLayers;
    final ModelDefaults defaults;

    NeuralKind(int defaultLayers, int minLayers, ModelDefaults defaults) {
        this.defaultLayers = defaultLayers;
        this.minLayers = minLayers;
        this.defaults = defaults;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NeuralKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Trainable scalars of the encoder (without the input embedding and the output layer), for memory estimates. */
    long encoderParameters(long d, long layers, long width) {
        return switch (this) {
            case TRANSFORMER -> layers * (16 * d * d + 2 * d) + d;
            case LSTM -> layers * (8 * d * d + 8 * d) + d;
            case MLP -> width * d * 4 * d + Math.max(0, layers - 1) * 16 * d * d + 4 * d * d + (layers + 1) * 4 * d + d;
        };
    }
}
