package org.ntpgeo.train;

import java.nio.file.Path;
import org.ntpgeo.linalg.Matrix;

/**
 * A model trained on the NTP objective of theory.md: sum_j pi_j CE(p_j, softmax(W h_j)) over the distinct
 * contexts of a dataset (soft labels). Implemented by the UFM (core, native BLAS) and by the neural models
 * (module ntpgeo-neural, deep-learning engine). The {@link Trainer} owns the loop, logging, checkpoints and
 * resume; a model owns its parameters and optimiser state.
 */
public interface TrainableModel extends AutoCloseable {
    /** Model kind as given on the command line (ufm, transformer, lstm, mlp). */
    String kind();

    /** Embedding dimension d. */
    int dim();

    /**
     * One epoch of optimisation: one full-batch step, or one pass over mini-batches of contexts.
     *
     * @param epoch        0-based epoch index (for schedules and shuffling seeds)
     * @param learningRate step size for this epoch (the trainer applies the schedule)
     */
    void trainEpoch(int epoch, double learningRate);

    /** The NTP loss over the whole dataset at the current parameters, in float64. */
    double loss();

    /** Word embeddings W (V x d), float64. Logits are L = W H exactly (no output bias). */
    Matrix wordEmbeddings();

    /** Context embeddings H (d x m), float64: h_j = final (normalised) hidden state at the last position. */
    Matrix contextEmbeddings();

    /** Save parameters, optimiser state and any RNG state, so {@link #loadState} continues bit for bit. */
    void saveState(Path file);

    void loadState(Path file);

    /**
     * True when the numbers this model computes do not depend on its thread count, bit for bit (the UFM); then a
     * run resumed with another thread count continues exactly. Default false (the neural models: libtorch's kernels
     * split their work by the thread count).
     */
    default boolean threadCountIndependent() {
        return false;
    }

    @Override
    void close();
}
