package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Llama-style decoder: token embedding; {@code layers} pre-norm blocks x += Attn(RMSNorm(x)),
 * x += SwiGLU(RMSNorm(x)); final RMSNorm; h_j = the last position. Causal multi-head attention without biases,
 * no positional encoding by default (as in the paper) or rotary embeddings (RoPE, base 10000, rotate-half
 * convention of Llama) on queries and keys. SwiGLU hidden width 4d. Weights N(0, 0.02^2), gains 1.
 *
 * <p>Only h_j = the last position leaves the encoder, so the last block computes what that position needs and no
 * more: keys and values at every position, the query, the attention output, the residual and the SwiGLU at the last
 * position only (the other positions of the last block feed nothing). The result is the same function as the full
 * computation (tested against it); a 4-block model at T-1 = 5 does about 17% fewer multiply-adds per epoch.
 */
final class DecoderEncoder implements ContextEncoder {
    static final double INIT_STD = 0.02;
    private final int d;
    private final int heads;
    private final int width;
    private final NDArray embedding;
    private final Block[] blocks;
    private final NDArray finalGain;
    private final NDArray mask;
    /** sqrt(d / heads) as a tensor: a DJL div(double) would leave autograd a scalar in freed memory (see Tensors). */
    private final NDArray scoreScale;
    private final NDArray cos;
    private final NDArray sin;
    /** The RoPE rotation of the last position (1 x dh), for the last block's single query. */
    private final NDArray cosLast;
    private final NDArray sinLast;

    private record Block(NDArray attnGain, NDArray wq, NDArray wk, NDArray wv, NDArray wo, NDArray mlpGain,
                         NDArray wGate, NDArray wUp, NDArray wDown) {}

    DecoderEncoder(ParameterSet p, NDManager manager, int inputVocab, int width, int d, int layers, int heads,
                   boolean rope) {
        // checked with the options' names by NeuralModelProvider.validate; here only as the encoder's own precondition
        if (heads < 1 || d % heads != 0) throw new IllegalArgumentException("heads " + heads + " must divide d " + d);
        if (rope && (d / heads) % 2 != 0) throw new IllegalArgumentException("RoPE needs an even head size, got d/heads = " + d / heads);
        this.d = d;
        this.heads = heads;
        this.width = width;
        int hidden = 4 * d;
        embedding = p.normal("embed", INIT_STD, inputVocab, d);
        blocks = new Block[layers];
        for (int l = 0; l < layers; l++) {
            String b = "block" + l + ".";
            blocks[l] = new Block(p.gain(b + "attn_norm", d), p.normal(b + "wq", INIT_STD, d, d),
                    p.normal(b + "wk", INIT_STD, d, d), p.normal(b + "wv", INIT_STD, d, d),
                    p.normal(b + "wo", INIT_STD, d, d), p.gain(b + "mlp_norm", d),
                    p.normal(b + "w_gate", INIT_STD, d, hidden), p.normal(b + "w_up", INIT_STD, d, hidden),
                    p.normal(b + "w_down", INIT_STD, hidden, d));
        }
        finalGain = p.gain("final_norm", d);
        // additive causal mask: 0 on and below the diagonal, -inf above
        double[] m = new double[width * width];
        for (int i = 0; i < width; i++) for (int j = i + 1; j < width; j++) m[i * width + j] = Double.NEGATIVE_INFINITY;
        mask = Tensors.create(manager, m, new Shape(width, width), p.dtype());
        scoreScale = Tensors.scalar(manager, Math.sqrt(d / heads), p.dtype());
        if (rope) {
            int dh = d / heads;
            double[] c = new double[width * dh];
            double[] s = new double[width * dh];
            for (int t = 0; t < width; t++) {
                for (int i = 0; i < dh / 2; i++) {
                    double angle = t * Math.pow(10000.0, -2.0 * i / dh);
                    c[t * dh + i] = c[t * dh + i + dh / 2] = Math.cos(angle);
                    s[t * dh + i] = s[t * dh + i + dh / 2] = Math.sin(angle);
                }
            }
            cos = Tensors.create(manager, c, new Shape(width, dh), p.dtype());
            sin = Tensors.create(manager, s, new Shape(width, dh), p.dtype());
            cosLast = Tensors.create(manager, java.util.Arrays.copyOfRange(c, (width - 1) * dh, width * dh), new Shape(1, dh), p.dtype());
            sinLast = Tensors.create(manager, java.util.Arrays.copyOfRange(s, (width - 1) * dh, width * dh), new Shape(1, dh), p.dtype());
        } else {
            cos = null;
            sin = null;
            cosLast = null;
            sinLast = null;
        }
    }

    @Override
    public NDArray encode(NDArray tokens) {
        return encode(tokens, true);
    }

    /** {@code lastOnly}: the last block at the last position only (the default); false: every block in full (tests). */
    NDArray encode(NDArray tokens, boolean lastOnly) {
        long batch = tokens.getShape().get(0);
        NDArray x = Layers.embed(tokens, embedding);
        int full = lastOnly ? blocks.length - 1 : blocks.length;
        for (int l = 0; l < full; l++) {
            Block b = blocks[l];
            x = x.add(attention(Layers.rmsNorm(x, b.attnGain), b, batch));
            x = x.add(Layers.swiGlu(Layers.rmsNorm(x, b.mlpGain), b.wGate, b.wUp, b.wDown));
        }
        NDArray last;
        if (full == blocks.length) {
            last = x.get(new NDIndex(":, -1, :"));
        } else {
            Block b = blocks[full];
            last = x.get(new NDIndex(":, -1, :")).add(lastAttention(Layers.rmsNorm(x, b.attnGain), b, batch));
            last = last.add(Layers.swiGlu(Layers.rmsNorm(last, b.mlpGain), b.wGate, b.wUp, b.wDown));
        }
        return Layers.rmsNorm(last, finalGain);
    }

    /** Attention output at the last position only (batch x d): its query sees every position, so no mask. */
    private NDArray lastAttention(NDArray x, Block b, long batch) {
        int dh = d / heads;
        NDArray q = x.get(new NDIndex(":, -1:, :")).matMul(b.wq).reshape(batch, 1, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = splitHeads(x.matMul(b.wk), batch, dh);
        NDArray v = splitHeads(x.matMul(b.wv), batch, dh);
        if (cos != null) {
            q = rotate(q, dh, cosLast, sinLast);
            k = rotate(k, dh, cos, sin);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scoreScale); // B, h, 1, T
        NDArray out = scores.softmax(-1).matMul(v); // B, h, 1, dh
        return out.reshape(batch, d).matMul(b.wo);
    }

    private NDArray attention(NDArray x, Block b, long batch) {
        int dh = d / heads;
        NDArray q = splitHeads(x.matMul(b.wq), batch, dh);
        NDArray k = splitHeads(x.matMul(b.wk), batch, dh);
        NDArray v = splitHeads(x.matMul(b.wv), batch, dh);
        if (cos != null) {
            q = rotate(q, dh, cos, sin);
            k = rotate(k, dh, cos, sin);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scoreScale).add(mask);
        NDArray out = scores.softmax(-1).matMul(v); // B, h, T, dh
        return out.transpose(0, 2, 1, 3).reshape(batch, width, d).matMul(b.wo);
    }

    private NDArray splitHeads(NDArray x, long batch, int dh) {
        return x.reshape(batch, width, heads, dh).transpose(0, 2, 1, 3);
    }

    /** RoPE, rotate-half form: x cos + [-x2, x1] sin. */
    private static NDArray rotate(NDArray x, int dh, NDArray cos, NDArray sin) {
        NDArray x1 = x.get(new NDIndex("..., :" + dh / 2));
        NDArray x2 = x.get(new NDIndex("..., " + dh / 2 + ":"));
        NDArray rotated = NDArrays.concat(new ai.djl.ndarray.NDList(x2.neg(), x1), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
