package org.ntpgeo.train;

import java.util.Locale;
import org.ntpgeo.common.OptionError;

/** The arithmetic of a model: float64, or float32 (neural models only; checkpoints are float64 either way). */
public enum Dtype {
    FLOAT64, FLOAT32;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes per value. */
    public int bytes() {
        return this == FLOAT64 ? 8 : 4;
    }

    public static Dtype parse(String id) {
        for (Dtype d : values()) if (id != null && d.id().equals(id.trim().toLowerCase(Locale.ROOT))) return d;
        throw new OptionError("bad {dtype} '" + id + "': use float64 or float32");
    }

    @Override
    public String toString() {
        return id();
    }
}
