package org.ntpgeo.theory;

/** How {@link NtpSvmSolver} obtained L_mm (svm.json {@code method}). */
public enum SvmMethod {
    /** No off-support entry at all: the feasible set is the column-constant matrices and L_mm = 0. */
    TRIVIAL("trivial"),
    /** S~ proved optimal by the Prop. 3 certificate, no iterations. */
    PROP3_CERTIFICATE("prop3-certificate"),
    /** ADMM iterations until the certified duality gap reached the tolerance (or a limit stopped them). */
    ADMM("admm");

    private final String id;

    SvmMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The method named {@code id} (as in svm.json), or null when the name is unknown (old or foreign files). */
    public static SvmMethod parse(String id) {
        for (SvmMethod m : values()) if (m.id.equals(id)) return m;
        return null;
    }
}
