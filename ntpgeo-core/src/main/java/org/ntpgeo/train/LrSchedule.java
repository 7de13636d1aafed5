package org.ntpgeo.train;

import java.util.Arrays;
import java.util.Locale;
import org.ntpgeo.common.OptionError;

/**
 * Learning rate per epoch: {@code constant}; {@code step:E1,E2,...[:gamma]} (multiply by gamma, default 0.1, at
 * each milestone epoch); {@code cosine} (from the base rate at epoch 0 down to 0 at the last epoch, as
 * PyTorch's CosineAnnealingLR with eta_min = 0 and T_max = epochs).
 */
public final class LrSchedule {
    /** The schedule families. */
    public enum Kind { CONSTANT, STEP, COSINE }

    private final Kind kind;
    private final String spec;
    private final int[] milestones;
    private final double gamma;

    private LrSchedule(Kind kind, String spec, int[] milestones, double gamma) {
        this.kind = kind;
        this.spec = spec;
        this.milestones = milestones;
        this.gamma = gamma;
    }

    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, "constant", new int[0], 1);
    }

    public static LrSchedule cosine() {
        return new LrSchedule(Kind.COSINE, "cosine", new int[0], 1);
    }

    /** Parses constant | cosine | step:E1,E2,...[:gamma]; null means constant. */
    public static LrSchedule parse(String spec) {
        String s = spec == null ? "constant" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("constant")) return constant();
        if (s.equals("cosine")) return cosine();
        if (s.startsWith("step:")) {
            String[] parts = s.substring(5).split(":");
            if (parts.length > 2 || parts[0].isBlank()) throw bad(spec);
            try {
                int[] ms = Arrays.stream(parts[0].split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
                double g = parts.length == 2 ? Double.parseDouble(parts[1]) : 0.1;
                if (ms[0] < 1 || !(g > 0) || !Double.isFinite(g)) throw bad(spec);
                return new LrSchedule(Kind.STEP, s, ms, g);
            } catch (NumberFormatException e) {
                throw bad(spec);
            }
        }
        throw bad(spec);
    }

    private static OptionError bad(String spec) {
        return new OptionError("bad {lr_schedule} '" + spec + "': use constant, cosine or step:E1,E2,...[:gamma] (epochs >= 1, gamma > 0)");
    }

    public Kind kind() {
        return kind;
    }

    /** Rate for 0-based epoch {@code epoch} of a run of {@code epochs} epochs. */
    public double rate(double base, int epoch, int epochs) {
        if (kind == Kind.COSINE) return epochs <= 0 ? base : base * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
        double r = base;
        for (int m : milestones) if (epoch >= m) r *= gamma;
        return r;
    }

    /** True when the rates depend on the total number of epochs (so a resumed run cannot change it). */
    public boolean dependsOnLength() {
        return kind == Kind.COSINE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LrSchedule other && other.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    /** The canonical spec (as recorded in run.json). */
    @Override
    public String toString() {
        return spec;
    }
}
