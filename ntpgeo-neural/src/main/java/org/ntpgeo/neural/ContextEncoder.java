package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;

/**
 * The body of a neural model: maps a batch of contexts (B x (T-1) int64 input-token ids) to their context
 * embeddings h_j (B x d), the final normalised hidden state at the last position. The output layer W is not part
 * of the encoder.
 */
interface ContextEncoder {
    NDArray encode(NDArray tokens);
}
