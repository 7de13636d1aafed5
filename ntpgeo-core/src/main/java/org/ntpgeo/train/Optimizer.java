package org.ntpgeo.train;

import java.util.Map;
import org.ntpgeo.io.NdArray;

/**
 * A first-order optimiser over a fixed list of float64 parameter arrays, updated in place. The gradient
 * arrays hold the gradient of the objective that the model minimises; for gd, ngd and adam that objective
 * includes the weight decay (lambda/2)||theta||^2 (coupled); adamw applies the decay decoupled, as PyTorch does.
 */
public interface Optimizer {
    /** One update: {@code params[i] -= step(grads[i])} at learning rate {@code lr}. */
    void step(double lr, double[][] params, double[][] grads);

    /** True when the model must leave the weight decay out of the gradient (the optimiser applies it). */
    boolean decoupledWeightDecay();

    /** Optimiser state (moments, step count) for bit-exact resume; keys are prefixed by the caller. */
    Map<String, NdArray> state();

    void loadState(Map<String, NdArray> state);

    /** The optimiser {@code kind} over parameter arrays of the given sizes. */
    static Optimizer create(OptimizerKind kind, double weightDecay, int... sizes) {
        return switch (kind) {
            case GD -> new GradientDescent(false);
            case NGD -> new GradientDescent(true);
            case ADAM -> new Adam(sizes, 0.0);
            case ADAMW -> new Adam(sizes, weightDecay);
        };
    }
}
