package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

/**
 * Stacked LSTM (hidden size d, {@code layers} layers, biases) with the equations and parameter layout of PyTorch's
 * nn.LSTM: token embedding -> LSTM -> h_j = RMSNorm(hidden state of the top layer at the last position), with a
 * learned gain. Gates in PyTorch's order (input, forget, cell, output): with z = x W_ih^T + b_ih + h W_hh^T + b_hh
 * split into four d-wide blocks, c' = sigmoid(z_f) c + sigmoid(z_i) tanh(z_g), h' = sigmoid(z_o) tanh(c'), from
 * h = c = 0. Weights and biases uniform in [-1/sqrt(d), 1/sqrt(d)] as PyTorch initialises nn.LSTM; embedding
 * N(0, 1) as nn.Embedding.
 *
 * <p>The recurrence is written out with elementary tensor operations (matMul, sigmoid, tanh) instead of libtorch's
 * fused {@code torch.lstm}: for float32 on CPU the fused operator runs oneDNN's RNN primitive, whose
 * forward-inference kernel (brgemm, AVX-512; taken whenever autograd is off, i.e. for every exported H and every
 * evaluated loss) returned wrong hidden states on an AMD EPYC with AVX-512 for hidden sizes such as 4, 8, 16, 33,
 * 40, 48 and 100 (errors of order 1 after RMSNorm, while the training kernel and float64 were right). The
 * elementary form runs the same arithmetic for float32 and float64, with autograd on or off
 * ({@code LstmEncoderTest} checks it against an independent float64 implementation).
 */
final class LstmEncoder implements ContextEncoder {
    private final NDArray embedding;
    private final Layer[] stack;
    private final NDArray finalGain;

    /** One layer's parameters in PyTorch's layout: w_ih (4d x d), w_hh (4d x d), b_ih and b_hh (4d). */
    private record Layer(NDArray wIh, NDArray wHh, NDArray bIh, NDArray bHh) {}

    LstmEncoder(ParameterSet p, int inputVocab, int d, int layers) {
        embedding = p.normal("embed", 1.0, inputVocab, d);
        double bound = 1.0 / Math.sqrt(d);
        stack = new Layer[layers];
        for (int l = 0; l < layers; l++) {
            stack[l] = new Layer(p.uniform("lstm" + l + ".w_ih", bound, 4L * d, d),
                    p.uniform("lstm" + l + ".w_hh", bound, 4L * d, d),
                    p.uniform("lstm" + l + ".b_ih", bound, 4L * d),
                    p.uniform("lstm" + l + ".b_hh", bound, 4L * d));
        }
        finalGain = p.gain("final_norm", d);
    }

    @Override
    public NDArray encode(NDArray tokens) {
        int width = Math.toIntExact(tokens.getShape().get(1));
        NDArray x = Layers.embed(tokens.transpose(), embedding); // width x batch x d (time-major)
        NDArray h = null;
        for (int l = 0; l < stack.length; l++) {
            Layer w = stack[l];
            // the input part of the gates for every position in one product, both biases included: width x batch x 4d
            NDArray input = x.matMul(w.wIh.transpose()).add(w.bIh.add(w.bHh));
            NDList steps = input.split(width, 0);
            NDArray recurrent = w.wHh.transpose();
            NDList outputs = new NDList(width);
            NDArray c = null;
            h = null;
            for (int t = 0; t < width; t++) {
                NDArray z = steps.get(t).squeeze(0);
                if (h != null) z = z.add(h.matMul(recurrent)); // h = c = 0 at t = 0: that term and f c vanish
                NDList gates = z.split(4, 1);
                NDArray in = Activation.sigmoid(gates.get(0));
                NDArray cell = gates.get(2).tanh();
                c = c == null ? in.mul(cell) : Activation.sigmoid(gates.get(1)).mul(c).add(in.mul(cell));
                h = Activation.sigmoid(gates.get(3)).mul(c.tanh());
                outputs.add(h);
            }
            if (l < stack.length - 1) x = NDArrays.stack(outputs, 0);
        }
        return Layers.rmsNorm(h, finalGain);
    }
}
