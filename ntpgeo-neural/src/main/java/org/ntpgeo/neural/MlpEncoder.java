package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Deep MLP on the concatenated context embeddings: token embedding (d per position) -> concatenation ((T-1) d)
 * -> {@code layers} hidden layers of width 4d with bias and GELU -> linear map to d -> RMSNorm (learned gain) = h_j.
 * Linear layers initialised as PyTorch's nn.Linear (uniform in [-1/sqrt(fan_in), 1/sqrt(fan_in)]).
 */
final class MlpEncoder implements ContextEncoder {
    private final int d;
    private final int width;
    private final NDArray embedding;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final NDArray finalGain;

    MlpEncoder(ParameterSet p, int inputVocab, int width, int d, int layers) {
        this.d = d;
        this.width = width;
        embedding = p.normal("embed", 1.0, inputVocab, d);
        weights = new NDArray[layers + 1];
        biases = new NDArray[layers + 1];
        long in = (long) width * d;
        for (int l = 0; l <= layers; l++) {
            long out = l == layers ? d : 4L * d;
            double bound = 1.0 / Math.sqrt(in);
            weights[l] = p.uniform("mlp" + l + ".w", bound, in, out);
            biases[l] = p.uniform("mlp" + l + ".b", bound, out);
            in = out;
        }
        finalGain = p.gain("final_norm", d);
    }

    @Override
    public NDArray encode(NDArray tokens) {
        long batch = tokens.getShape().get(0);
        NDArray x = Layers.embed(tokens, embedding).reshape(batch, (long) width * d);
        for (int l = 0; l < weights.length; l++) {
            x = x.matMul(weights[l]).add(biases[l]);
            if (l < weights.length - 1) x = Activation.gelu(x);
        }
        return Layers.rmsNorm(x, finalGain);
    }
}
