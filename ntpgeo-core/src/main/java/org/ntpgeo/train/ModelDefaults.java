package org.ntpgeo.train;

/**
 * What a model kind uses and its defaults, as its {@link ModelProvider} defines them. A null hyper-parameter does
 * not apply to the kind: {@link TrainingOptions.Builder#build()} refuses it when it is given.
 *
 * @param threads   default intra-op threads
 * @param layers    default number of layers (blocks, recurrent layers, hidden layers), or null
 * @param heads     default attention heads, or null
 * @param rope      default rotary positional encoding, or null
 * @param initScale default standard deviation of the initial parameters, or null
 */
public record ModelDefaults(int threads, Integer layers, Integer heads, Boolean rope, Double initScale) {
}
