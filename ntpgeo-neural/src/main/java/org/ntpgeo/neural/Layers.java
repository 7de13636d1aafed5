package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;

/** Differentiable building blocks on DJL NDArrays (weights stored as in x out, so y = x W). */
final class Layers {
    /** RMSNorm epsilon, as in Llama. */
    static final double RMS_EPS = 1e-6;

    private Layers() {}

    /** RMSNorm over the last axis: x / sqrt(mean(x^2) + eps) * gain. */
    static NDArray rmsNorm(NDArray x, NDArray gain) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(RMS_EPS).sqrt();
        return x.div(rms).mul(gain);
    }

    /** Token embedding lookup: ids (any shape, int64) -> ids.shape + (d). */
    static NDArray embed(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** SwiGLU feed-forward: (silu(x Wg) * (x Wu)) Wd. */
    static NDArray swiGlu(NDArray x, NDArray wGate, NDArray wUp, NDArray wDown) {
        NDArray g = x.matMul(wGate);
        return g.mul(Activation.sigmoid(g)).mul(x.matMul(wUp)).matMul(wDown);
    }
}
