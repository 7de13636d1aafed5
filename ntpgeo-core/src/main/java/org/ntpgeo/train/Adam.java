package org.ntpgeo.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ntpgeo.io.NdArray;

/**
 * Adam (Kingma and Ba) with bias correction, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, exactly as PyTorch's
 * torch.optim.Adam computes it; with a positive {@code decoupledDecay} it is AdamW (PyTorch's order: first
 * {@code theta *= 1 - lr * lambda}, then the Adam step).
 */
final class Adam implements Optimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final double decoupledDecay;
    private final double[][] m;
    private final double[][] v;
    private long t;

    Adam(int[] sizes, double decoupledDecay) {
        this.decoupledDecay = decoupledDecay;
        m = new double[sizes.length][];
        v = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            m[i] = new double[sizes[i]];
            v[i] = new double[sizes[i]];
        }
    }

    @Override
    public void step(double lr, double[][] params, double[][] grads) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
        double stepSize = lr / bc1;
        double keep = 1 - lr * decoupledDecay;
        for (int i = 0; i < params.length; i++) {
            double[] p = params[i];
            double[] g = grads[i];
            double[] mi = m[i];
            double[] vi = v[i];
            for (int k = 0; k < p.length; k++) {
                double gk = g[k];
                double mk = BETA1 * mi[k] + (1 - BETA1) * gk;
                double vk = BETA2 * vi[k] + (1 - BETA2) * gk * gk;
                mi[k] = mk;
                vi[k] = vk;
                double pk = decoupledDecay != 0 ? p[k] * keep : p[k];
                p[k] = pk - stepSize * mk / (Math.sqrt(vk) / bc2Sqrt + EPS);
            }
        }
    }

    @Override
    public boolean decoupledWeightDecay() {
        return decoupledDecay != 0;
    }

    @Override
    public Map<String, NdArray> state() {
        Map<String, NdArray> s = new LinkedHashMap<>();
        s.put("adam_t", NdArray.scalar(t));
        for (int i = 0; i < m.length; i++) {
            s.put("adam_m" + i, NdArray.ofDoubles(m[i], m[i].length));
            s.put("adam_v" + i, NdArray.ofDoubles(v[i], v[i].length));
        }
        return s;
    }

    @Override
    public void loadState(Map<String, NdArray> state) {
        t = state.get("adam_t").longScalar();
        for (int i = 0; i < m.length; i++) {
            copyInto(state.get("adam_m" + i).asDoubles(), m[i]);
            copyInto(state.get("adam_v" + i).asDoubles(), v[i]);
        }
    }

    private static void copyInto(double[] src, double[] dst) {
        if (src.length != dst.length) throw new IllegalArgumentException("optimiser state has the wrong size");
        System.arraycopy(src, 0, dst, 0, dst.length);
    }
}
