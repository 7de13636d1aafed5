package org.ntpgeo.theory;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.LogSumExp;
import org.ntpgeo.linalg.Matrix;

/**
 * The NTP loss CE(L) = - sum_j pi_j sum_{z in S_j} p_j[z] log softmax(L[:, j])[z] and its gradient
 * pi_j (softmax(L[:, j]) - p_j), with a stable log-sum-exp. The gradient is (max_j pi_j / 2)-Lipschitz
 * (the softmax Hessian diag(s) - s s^T has spectral norm <= 1/2).
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    public static double value(NtpDataset ds, Matrix l) {
        return valueAndGradient(ds, l, null);
    }

    /** CE(L); when {@code grad} is not null it receives the gradient (same shape as L). */
    public static double valueAndGradient(NtpDataset ds, Matrix l, Matrix grad) {
        int v = ds.vocabSize(), m = ds.contextCount();
        if (l.rows != v || l.cols != m) throw new IllegalArgumentException("logits are " + l.rows + "x" + l.cols + ", dataset is " + v + "x" + m);
        double ce = 0;
        for (int j = 0; j < m; j++) {
            int off = j * v;
            double lse = LogSumExp.of(l.data, off, v);
            double pi = ds.pi(j);
            double colLoss = 0;
            for (int k = ds.start(j); k < ds.end(j); k++) colLoss -= ds.probability(j, k) * (l.data[off + ds.token(k)] - lse);
            ce += pi * colLoss;
            if (grad != null) {
                for (int i = 0; i < v; i++) grad.data[off + i] = pi * Math.exp(l.data[off + i] - lse);
                for (int k = ds.start(j); k < ds.end(j); k++) grad.data[off + ds.token(k)] -= pi * ds.probability(j, k);
            }
        }
        return ce;
    }

    /** Lipschitz constant of the gradient: max_j pi_j / 2. */
    public static double lipschitz(NtpDataset ds) {
        double max = 0;
        for (int j = 0; j < ds.contextCount(); j++) max = Math.max(max, ds.pi(j));
        return max / 2;
    }
}
