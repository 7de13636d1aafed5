package org.ntpgeo.train;

import java.util.Map;
import org.ntpgeo.io.NdArray;

/**
 * Plain gradient descent, {@code theta -= lr * g}, or normalised gradient descent (ngd),
 * {@code theta -= lr * g / ||g||} with the joint Euclidean norm over all parameter arrays (no step when g = 0).
 */
final class GradientDescent implements Optimizer {
    private final boolean normalised;

    GradientDescent(boolean normalised) {
        this.normalised = normalised;
    }

    @Override
    public void step(double lr, double[][] params, double[][] grads) {
        double scale = lr;
        if (normalised) {
            double ss = 0;
            for (double[] g : grads) for (double v : g) ss += v * v;
            double norm = Math.sqrt(ss);
            if (norm == 0) return;
            scale = lr / norm;
        }
        for (int i = 0; i < params.length; i++) {
            double[] p = params[i];
            double[] g = grads[i];
            for (int k = 0; k < p.length; k++) p[k] -= scale * g[k];
        }
    }

    @Override
    public boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    public Map<String, NdArray> state() {
        return Map.of();
    }

    @Override
    public void loadState(Map<String, NdArray> state) {
        // stateless
    }
}
