package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.train.OptimizerKind;

/**
 * The optimisers of issue 4 as in-place NDArray updates with the formulas of {@code torch.optim} (so the PyTorch
 * benchmark runs the same arithmetic), and with state we own so that it can be checkpointed (DJL's optimisers
 * keep their moments private). Weight decay lambda applies only to parameters marked {@code decay} (never to
 * normalisation gains):
 * <ul>
 *   <li>gd: p -= lr (g + lambda p)  (torch.optim.SGD, coupled L2)</li>
 *   <li>ngd: g' = g + lambda p; p -= lr g' / ||g'|| with the global Euclidean norm over all parameters</li>
 *   <li>adam: torch.optim.Adam (coupled L2), betas (0.9, 0.999), eps 1e-8, bias correction</li>
 *   <li>adamw: torch.optim.AdamW (decoupled: p *= 1 - lr lambda, then the Adam step)</li>
 * </ul>
 * Gradient clipping ({@code clip > 0}): before the update, when the global L2 norm of the gradients over all
 * parameters exceeds {@code clip}, every gradient is multiplied by clip / (norm + 1e-6), as
 * {@code torch.nn.utils.clip_grad_norm_} (applied to the loss gradient, before any weight decay is added).
 */
final class Optimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final OptimizerKind kind;
    private final double weightDecay;
    private final double clip;
    private final List<ParameterSet.Entry> params;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private long steps;

    Optimizer(OptimizerKind kind, double weightDecay, double clip, ParameterSet parameters, NDManager manager) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.clip = clip;
        this.params = parameters.entries();
        if (kind.adaptive()) {
            for (ParameterSet.Entry e : params) {
                firstMoments.add(manager.zeros(e.array().getShape(), e.array().getDataType()));
                secondMoments.add(manager.zeros(e.array().getShape(), e.array().getDataType()));
            }
        }
    }

    long steps() {
        return steps;
    }

    List<NDArray> firstMoments() {
        return firstMoments;
    }

    List<NDArray> secondMoments() {
        return secondMoments;
    }

    void setSteps(long steps) {
        this.steps = steps;
    }

    /** One update with the gradients currently stored on the parameters; clears the gradients afterwards. */
    void step(double lr) {
        steps++;
        if (clip > 0) clipGradients();
        switch (kind) {
            case GD -> {
                for (ParameterSet.Entry e : params) e.array().subi(coupledGradient(e).muli(lr));
            }
            case NGD -> ngd(lr);
            case ADAM, ADAMW -> adam(lr);
        }
        for (ParameterSet.Entry e : params) JniUtils.zeroGrad((PtNDArray) e.array());
    }

    /** Global L2 norm of the gradients (accumulated in float64), before clipping. */
    double gradientNorm() {
        double sq = 0;
        // arrays made here belong to the step's sub-manager (the parameters are attached to it), freed after the step
        for (ParameterSet.Entry e : params) {
            sq += e.array().getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, true).square().sum().getDouble();
        }
        return Math.sqrt(sq);
    }

    private void clipGradients() {
        double norm = gradientNorm();
        double coef = clip / (norm + 1e-6);
        if (!(coef < 1)) return;
        for (ParameterSet.Entry e : params) e.array().getGradient().muli(coef);
    }

    private NDArray coupledGradient(ParameterSet.Entry e) {
        NDArray g = e.array().getGradient();
        if (e.decay() && weightDecay > 0) return g.add(e.array().mul(weightDecay));
        return g.duplicate();
    }

    private void ngd(double lr) {
        List<NDArray> grads = new ArrayList<>();
        double sq = 0;
        for (ParameterSet.Entry e : params) {
            NDArray g = coupledGradient(e);
            sq += g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            grads.add(g);
        }
        double norm = Math.sqrt(sq);
        if (norm == 0) return;
        for (int i = 0; i < params.size(); i++) params.get(i).array().subi(grads.get(i).muli(lr / norm));
    }

    private void adam(double lr) {
        double bc1 = 1 - Math.pow(BETA1, steps);
        double bc2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < params.size(); i++) {
            ParameterSet.Entry e = params.get(i);
            NDArray p = e.array();
            NDArray g;
            if (kind == OptimizerKind.ADAMW) {
                if (e.decay() && weightDecay > 0) p.muli(1 - lr * weightDecay);
                g = p.getGradient();
            } else {
                g = coupledGradient(e);
            }
            NDArray m = firstMoments.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
            NDArray v = secondMoments.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(EPS);
            p.subi(m.div(denom).muli(lr / bc1));
        }
    }
}
