package org.ntpgeo.data;

import org.ntpgeo.common.OptionError;
import java.util.Locale;

/**
 * Which (context, next-token) windows a document of token ids yields, for context length T (T-1 context
 * tokens plus the next token). {@code SLIDING}: every start i = 0..len-T, window = ids[i .. i+T-1];
 * {@code FIRST}: only the window at i = 0. A document shorter than T yields nothing. Pure.
 */
public enum Windows {
    SLIDING, FIRST;

    /** Receives a window as {@code ids[offset, offset + T)}. */
    @FunctionalInterface
    public interface WindowSink {
        void window(int[] ids, int offset);
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Windows parse(String s) {
        for (Windows w : values()) if (w.optionName().equals(s)) return w;
        throw new OptionError("unknown {windows} '" + s + "' (choose sliding or first)");
    }

    /** Number of windows of a document of {@code length} tokens. */
    public int count(int length, int t) {
        if (length < t) return 0;
        return this == SLIDING ? length - t + 1 : 1;
    }

    public void extract(int[] ids, int length, int t, WindowSink sink) {
        int n = count(length, t);
        for (int i = 0; i < n; i++) sink.window(ids, i);
    }
}
