package org.ntpgeo.train;

import java.util.Arrays;
import java.util.Locale;
import org.ntpgeo.common.OptionError;

/**
 * Learning rate per epoch (0-based epoch e of a run of N epochs, base rate r):
 * <ul>
 *   <li>{@code constant}: r;</li>
 *   <li>{@code step:E1,E2,...[:gamma]}: r times gamma (default 0.1) for every milestone E_i <= e;</li>
 *   <li>{@code cosine}: r (1 + cos(pi e / N)) / 2, from r at epoch 0 towards 0 (PyTorch's CosineAnnealingLR with
 *       eta_min = 0 and T_max = N);</li>
 *   <li>{@code warmup:W} or {@code warmup:W+SCHEDULE} (SCHEDULE one of the above): a linear warm-up, r (e + 1) / W
 *       for e < W (the first epoch gets r / W, epoch W - 1 the full rate), then the schedule; a cosine after a
 *       warm-up decays over the remaining N - W epochs, r (1 + cos(pi (e - W) / (N - W))) / 2, as the usual
 *       "cosine with warm-up" of transformer training; step milestones stay absolute epochs.</li>
 * </ul>
 */
public final class LrSchedule {
    /** The schedule families (after an optional warm-up). */
    public enum Kind { CONSTANT, STEP, COSINE }

    private final Kind kind;
    /** The spec of the schedule after the warm-up (constant, cosine, step:...). */
    private final String base;
    private final int[] milestones;
    private final double gamma;
    private final int warmup;

    private LrSchedule(Kind kind, String base, int[] milestones, double gamma, int warmup) {
        this.kind = kind;
        this.base = base;
        this.milestones = milestones;
        this.gamma = gamma;
        this.warmup = warmup;
    }

    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, "constant", new int[0], 1, 0);
    }

    public static LrSchedule cosine() {
        return new LrSchedule(Kind.COSINE, "cosine", new int[0], 1, 0);
    }

    /** This schedule preceded by a linear warm-up over {@code epochs} epochs (0: none). */
    public LrSchedule withWarmup(int epochs) {
        if (epochs < 0) throw new OptionError("the warm-up of {lr_schedule} must be >= 0 epochs, got " + epochs);
        return new LrSchedule(kind, base, milestones, gamma, epochs);
    }

    /** Parses constant | cosine | step:E1,E2,...[:gamma] | warmup:W[+one of those]; null means constant. */
    public static LrSchedule parse(String spec) {
        String s = spec == null ? "constant" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("warmup:")) {
            int plus = s.indexOf('+');
            String w = plus < 0 ? s.substring(7) : s.substring(7, plus);
            int epochs;
            try {
                epochs = Integer.parseInt(w.trim());
            } catch (NumberFormatException e) {
                throw bad(spec);
            }
            if (epochs < 1) throw bad(spec);
            LrSchedule inner = plus < 0 ? constant() : parseBase(s.substring(plus + 1), spec);
            return inner.withWarmup(epochs);
        }
        return parseBase(s, spec);
    }

    private static LrSchedule parseBase(String s, String spec) {
        if (s.equals("constant")) return constant();
        if (s.equals("cosine")) return cosine();
        if (s.startsWith("step:")) {
            String[] parts = s.substring(5).split(":");
            if (parts.length > 2 || parts[0].isBlank()) throw bad(spec);
            try {
                int[] ms = Arrays.stream(parts[0].split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
                double g = parts.length == 2 ? Double.parseDouble(parts[1]) : 0.1;
                if (ms[0] < 1 || !(g > 0) || !Double.isFinite(g)) throw bad(spec);
                return new LrSchedule(Kind.STEP, s, ms, g, 0);
            } catch (NumberFormatException e) {
                throw bad(spec);
            }
        }
        throw bad(spec);
    }

    private static OptionError bad(String spec) {
        return new OptionError("bad {lr_schedule} '" + spec + "': use constant, cosine, step:E1,E2,...[:gamma] (epochs >= 1, gamma > 0), "
                + "or warmup:W or warmup:W+SCHEDULE (W >= 1 epochs of linear warm-up before one of those)");
    }

    public Kind kind() {
        return kind;
    }

    /** Epochs of linear warm-up (0: none). */
    public int warmup() {
        return warmup;
    }

    /** Rate for 0-based epoch {@code epoch} of a run of {@code epochs} epochs. */
    public double rate(double base, int epoch, int epochs) {
        if (epoch < warmup) return base * (epoch + 1) / warmup;
        if (kind == Kind.COSINE) {
            int span = epochs - warmup;
            return span <= 0 ? base : base * 0.5 * (1 + Math.cos(Math.PI * (epoch - warmup) / span));
        }
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
        return o instanceof LrSchedule other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The canonical spec (as recorded in run.json): warmup:W, warmup:W+cosine, ... */
    @Override
    public String toString() {
        if (warmup == 0) return base;
        return "warmup:" + warmup + (kind == Kind.CONSTANT ? "" : "+" + base);
    }
}
