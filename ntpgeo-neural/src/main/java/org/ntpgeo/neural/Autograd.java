package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the operations of one forward pass for autograd and runs its backward pass, like DJL's
 * {@code GradientCollector} but without its process-wide "only one collector at a time" flag: libtorch's grad mode
 * is per thread, so models on different threads (the reproduce pipeline trains the transformer and the LSTM side
 * by side, one intra-op thread each) can record and differentiate at the same time. Gradients accumulate on the
 * parameters as with the collector; grad mode is off again when the scope closes.
 */
final class Autograd implements AutoCloseable {
    private Autograd() {
        JniUtils.setGradMode(true);
    }

    /** Start recording on this thread (grad mode on until {@link #close()}). */
    static Autograd record() {
        return new Autograd();
    }

    /** d(objective)/d(parameters) added to the parameters' gradients; {@code objective} is a scalar. */
    void backward(NDArray objective) {
        NDArray seed = objective.getManager().ones(objective.getShape(), objective.getDataType());
        JniUtils.backward((PtNDArray) objective, (PtNDArray) seed, false, false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
