/**
 * Neural language models of issue 4 (Llama-style decoder, LSTM, deep MLP) trained on the NTP objective of
 * theory.md through DJL with the PyTorch engine (CPU, offline). Each model maps the T-1 input tokens of a
 * distinct context to h_j (the final normalised hidden state at the last position) and scores the vocabulary
 * with an output layer W (V x d) WITHOUT bias, so the logits are exactly L = W H.
 *
 * <p>Plugged into the core trainer through {@link org.ntpgeo.neural.NeuralModelProvider} (ServiceLoader).
 */
package org.ntpgeo.neural;
