package org.ntpgeo.train;

/**
 * Everything that defines a training run (recorded in run.json for provenance and resume).
 *
 * @param model        ufm | transformer | lstm | mlp
 * @param dim          embedding dimension d >= 1
 * @param epochs       number of epochs
 * @param optimizer    gd | ngd | adam | adamw
 * @param learningRate base step size
 * @param weightDecay  lambda (UFM: (lambda/2)(||W||^2 + ||H||^2); neural: decoupled/coupled as the optimiser defines)
 * @param lrSchedule   constant | step:E1,E2,...[:gamma] | cosine
 * @param batch        0 = full batch, otherwise contexts per mini-batch
 * @param seed         RNG seed (initialisation, shuffling)
 * @param float64      true for float64 arithmetic, false for float32
 * @param threads      intra-op threads (BLAS / PyTorch)
 * @param layers       layers of neural models (transformer blocks, LSTM layers, MLP hidden layers)
 * @param heads        attention heads (transformer)
 * @param rope         rotary positional encoding on (transformer; off by default as in the paper)
 * @param initScale    standard deviation of the UFM's initial entries
 */
public record TrainingOptions(String model, int dim, int epochs, String optimizer, double learningRate,
                              double weightDecay, String lrSchedule, int batch, long seed, boolean float64, int threads,
                              int layers, int heads, boolean rope, double initScale) {
}
