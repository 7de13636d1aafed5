package org.ntpgeo.theory;

import java.util.Locale;

/**
 * Which NTP-SVM* problem {@link NtpSvmSolver} solves (docs/THEORY-ENGINE.md, "Support classes"). Both give the
 * same optimum; svm.json records which one ran ({@code formulation}).
 */
public enum SvmFormulation {
    /** One column per support class with margin sqrt(n_c) (V x C); the default. */
    CLASSES("classes"),
    /** One column per context with unit margins (V x m): the original solver, kept as a baseline and cross-check. */
    FULL("full");

    private final String id;

    SvmFormulation(String id) {
        this.id = id;
    }

    /** The name used in svm.json and on the command line. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The formulation named {@code id}; IllegalArgumentException for an unknown name. */
    public static SvmFormulation parse(String id) {
        for (SvmFormulation f : values()) if (f.id.equals(id.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("unknown NTP-SVM* formulation '" + id + "' (choose classes or full)");
    }
}
