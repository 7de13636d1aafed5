package org.ntpgeo.train;

import java.util.Arrays;
import java.util.Locale;
import org.ntpgeo.common.OptionError;

/**
 * The optimisers every model offers (formulas in docs/TRAINING.md): gd, ngd (normalised gd, joint norm over all
 * parameters), adam (coupled L2 weight decay) and adamw (decoupled weight decay, PyTorch's AdamW).
 */
public enum OptimizerKind {
    GD, NGD, ADAM, ADAMW;

    /** The lower-case name used on the command line and in run.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the optimiser applies the weight decay itself (the model leaves it out of the gradient). */
    public boolean decoupledWeightDecay() {
        return this == ADAMW;
    }

    /** True for the optimisers that keep first and second moments (checkpointed state). */
    public boolean adaptive() {
        return this == ADAM || this == ADAMW;
    }

    public static OptimizerKind parse(String id) {
        for (OptimizerKind k : values()) if (id != null && k.id().equals(id.trim().toLowerCase(Locale.ROOT))) return k;
        throw new OptionError("unknown {optimizer} '" + id + "': use " + String.join(", ", Arrays.stream(values()).map(OptimizerKind::id).toList()));
    }

    @Override
    public String toString() {
        return id();
    }
}
