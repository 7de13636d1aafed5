package org.ntpgeo.data.recipes;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.common.UserError;

/**
 * The knobs a recipe may read. Null means "the recipe's default"; a recipe refuses a knob it does not use, so a
 * value is never silently ignored. {@code threads} and {@code progress} only affect how the work runs, never the
 * result.
 */
public record RecipeOptions(Long seed, Integer lines, Integer contexts, Integer variants, int threads, ProgressListener progress) {
    /** The knobs, by the name they have in dataset.json. */
    public enum Knob {
        SEED, LINES, CONTEXTS, VARIANTS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RecipeOptions {
        if (lines != null && lines < 1) throw new UserError("the number of lines must be >= 1, got " + lines);
        if (contexts != null && contexts < 1) throw new UserError("the number of contexts must be >= 1, got " + contexts);
        if (variants != null && variants < 1) throw new UserError("the number of variants must be >= 1, got " + variants);
        threads = Math.max(1, threads);
        if (progress == null) progress = ProgressListener.NONE;
    }

    /** All defaults, one thread per core, no progress output. */
    public static RecipeOptions defaults() {
        return new RecipeOptions(null, null, null, null, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }

    public RecipeOptions withSeed(long s) {
        return new RecipeOptions(s, lines, contexts, variants, threads, progress);
    }

    public RecipeOptions withLines(int n) {
        return new RecipeOptions(seed, n, contexts, variants, threads, progress);
    }

    public RecipeOptions withContexts(int m) {
        return new RecipeOptions(seed, lines, m, variants, threads, progress);
    }

    public RecipeOptions withVariants(int k) {
        return new RecipeOptions(seed, lines, contexts, k, threads, progress);
    }

    /** The knobs that were given (not null). */
    public Set<Knob> given() {
        EnumSet<Knob> s = EnumSet.noneOf(Knob.class);
        if (seed != null) s.add(Knob.SEED);
        if (lines != null) s.add(Knob.LINES);
        if (contexts != null) s.add(Knob.CONTEXTS);
        if (variants != null) s.add(Knob.VARIANTS);
        return s;
    }

    /** Refuse the given knobs that {@code recipe} does not read. */
    public void requireOnly(String recipe, Set<Knob> used) {
        for (Knob k : given()) {
            if (!used.contains(k)) throw new UserError("the recipe " + recipe + " has no " + k.key() + " setting (it uses " + names(used) + ")");
        }
    }

    private static String names(Set<Knob> knobs) {
        StringBuilder sb = new StringBuilder();
        for (Knob k : knobs) sb.append(sb.length() == 0 ? "" : ", ").append(k.key());
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
