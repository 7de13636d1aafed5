package org.ntpgeo.train;

import java.util.Set;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;

/**
 * Provides the UFM (kind "ufm"), registered in core's META-INF/services. Defaults: all cores, initial scale 0.1;
 * float64 only (native dgemm); no layers, heads or rope.
 */
public final class UfmProvider implements ModelProvider {
    public static final String KIND = "ufm";
    public static final double DEFAULT_INIT_SCALE = 0.1;

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    @Override
    public ModelDefaults defaults(String kind) {
        return new ModelDefaults(Runtime.getRuntime().availableProcessors(), null, null, null, DEFAULT_INIT_SCALE);
    }

    @Override
    public void validate(TrainingOptions o) {
        if (!o.float64()) throw new OptionError("the UFM trains in float64 only (native dgemm); {dtype} float32 is for the neural models");
        if (o.gradClip() > 0) {
            throw new OptionError("{grad_clip} does not apply to model 'ufm' (its objective is smooth and its optimisers are exact; "
                    + "clipping is for the neural models)");
        }
        if (!(o.initScale() > 0) || !Double.isFinite(o.initScale())) {
            throw new OptionError("{init_scale} must be a finite number > 0, got " + o.initScale());
        }
    }

    @Override
    public Preflight.Estimate memory(NtpDataset data, TrainingOptions o) {
        long v = data.vocabSize(), m = data.contextCount(), d = o.dim();
        Preflight.Estimate e = Preflight.estimate("train --model ufm", "a smaller {dim} or a smaller dataset");
        // W, H and their gradients on the heap, one copy of each for checkpoints, optimiser moments
        int moments = o.optimizer().adaptive() ? 2 : 0;
        for (int copy = 0; copy < 3 + moments; copy++) {
            e.doubles("W (V x d)", v, d);
            e.doubles("H (d x m)", d, m);
        }
        // native mirrors of the full-batch step: W, H, their gradients, logits L and dCE/dL (V x m each)
        Preflight.denseMatrix("train --model ufm", "logits L = W H (V x m)", v, m, "use a smaller dataset");
        long vm = v * m;
        long wh = Preflight.multiply("W and H", 2, Preflight.multiply("V + m", v + m), d);
        e.nativeMemory("native logits and gradient (2 V x m)", Preflight.multiply("native buffers", 16, vm));
        e.nativeMemory("native W, H and gradients", Preflight.multiply("native buffers", 8, wh));
        if (o.batch() > 0 && o.batch() < m) {
            e.heap("mini-batch logits and gradient (2 V x batch)", Preflight.multiply("the mini-batch buffers", 16, v, o.batch()));
        }
        return e;
    }

    @Override
    public TrainableModel create(NtpDataset data, TrainingOptions options) {
        return new UfmModel(data, options);
    }
}
