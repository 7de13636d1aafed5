package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Stacked LSTM (PyTorch's fused {@code torch.lstm}, hidden size d, {@code layers} layers, biases, batch-first):
 * token embedding -> LSTM -> h_j = RMSNorm(hidden state of the top layer at the last position), with a learned
 * gain. Weights and biases uniform in [-1/sqrt(d), 1/sqrt(d)] as PyTorch initialises nn.LSTM; embedding N(0, 1)
 * as nn.Embedding.
 */
final class LstmEncoder implements ContextEncoder {
    private final int d;
    private final int layers;
    private final NDArray embedding;
    private final NDList weights = new NDList();
    private final NDArray finalGain;

    LstmEncoder(ParameterSet p, int inputVocab, int d, int layers) {
        this.d = d;
        this.layers = layers;
        embedding = p.normal("embed", 1.0, inputVocab, d);
        double bound = 1.0 / Math.sqrt(d);
        for (int l = 0; l < layers; l++) {
            weights.add(p.uniform("lstm" + l + ".w_ih", bound, 4L * d, d));
            weights.add(p.uniform("lstm" + l + ".w_hh", bound, 4L * d, d));
            weights.add(p.uniform("lstm" + l + ".b_ih", bound, 4L * d));
            weights.add(p.uniform("lstm" + l + ".b_hh", bound, 4L * d));
        }
        finalGain = p.gain("final_norm", d);
    }

    @Override
    public NDArray encode(NDArray tokens) {
        NDArray x = Layers.embed(tokens, embedding);
        long batch = tokens.getShape().get(0);
        Shape stateShape = new Shape(layers, batch, d);
        NDList state = new NDList(x.getManager().zeros(stateShape, x.getDataType()),
                x.getManager().zeros(stateShape, x.getDataType()));
        NDList out = x.getNDArrayInternal().lstm(x, state, weights, true, layers, 0.0, true, false, true);
        NDArray last = out.get(0).get(new NDIndex(":, -1, :"));
        return Layers.rmsNorm(last, finalGain);
    }
}
