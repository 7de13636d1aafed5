package org.ntpgeo.geometry;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Which training runs minimise the UFM objective CE(W H) + (lambda/2)(||W||_F^2 + ||H||_F^2) of theory.md, so that
 * the theory's prediction for them is the regularisation-path point L_lambda: model {@code ufm}, weight decay
 * lambda > 0, and an optimiser whose gradient includes the decay (gd, ngd, adam: coupled). AdamW's decoupled
 * decay shrinks the parameters outside the gradient and minimises a different (optimiser-dependent) objective.
 */
public final class UfmObjective {
    /** Optimisers whose updates follow the gradient of CE + the L2 term. */
    public static final Set<String> COUPLED = Set.of("gd", "ngd", "adam");

    private UfmObjective() {}

    /** lambda when a run with these options minimises the UFM objective, else empty. */
    public static OptionalDouble lambda(String model, String optimizer, double weightDecay) {
        boolean ufm = "ufm".equals(model) && optimizer != null && COUPLED.contains(optimizer.toLowerCase(Locale.ROOT));
        return ufm && weightDecay > 0 && Double.isFinite(weightDecay) ? OptionalDouble.of(weightDecay) : OptionalDouble.empty();
    }

    /** Why a run is or is not judged against L_lambda (for the reports). */
    public static String describe(String model, String optimizer, double weightDecay) {
        OptionalDouble l = lambda(model, optimizer, weightDecay);
        if (l.isPresent()) {
            return "UFM trained on the UFM objective (optimizer " + optimizer + ", weight decay lambda = " + Claims.fmt(l.getAsDouble())
                    + "): the theory predicts L_lambda";
        }
        if (!"ufm".equals(model)) return "model " + model + " (not the UFM): judged by its direction to L_mm, located on the path";
        if (!(weightDecay > 0)) return "UFM without weight decay: judged by its direction to L_mm, located on the path";
        return "UFM with optimizer " + optimizer + " (decoupled or unknown decay, not the UFM objective): judged by its direction to L_mm";
    }
}
