package org.ntpgeo.run;

import java.util.Locale;

/** The {@code status} of a run in run.json. */
public enum RunStatus {
    /** Training is going on, or the process was killed without a chance to say otherwise. */
    RUNNING,
    /** All requested epochs are done (or the embeddings were imported). */
    COMPLETED,
    /** Stopped on request (Ctrl-C, SIGTERM) after a saved epoch; {@code --resume} continues it. */
    INTERRUPTED,
    /** The loss or the parameters became non-finite, or the loss exploded; see the message in run.json. */
    DIVERGED;

    /** The lower-case name written to run.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code id}, or null for an unknown word (runs written by other tools). */
    public static RunStatus parse(String id) {
        if (id == null) return null;
        for (RunStatus s : values()) if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) return s;
        return null;
    }

    @Override
    public String toString() {
        return id();
    }
}
