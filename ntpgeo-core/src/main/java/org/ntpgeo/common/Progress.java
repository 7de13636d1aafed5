package org.ntpgeo.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr. Redraws at most every 200 ms; prints nothing when disabled
 * (small inputs, or {@code NTPGEO_NO_PROGRESS} set). Thread-safe for {@link #update} calls.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final long total;
    private final boolean enabled;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private volatile String suffix = "";
    private long done;

    private Progress(String label, long total, boolean enabled, PrintStream out) {
        this.label = label;
        this.total = total;
        this.enabled = enabled && System.getenv("NTPGEO_NO_PROGRESS") == null;
        this.out = out;
    }

    /** A bar for {@code total} units (bytes, epochs...); shown only if {@code show} is true. */
    public static Progress of(String label, long total, boolean show) {
        return new Progress(label, total, show, System.err);
    }

    public static Progress silent() {
        return new Progress("", 1, false, System.err);
    }

    public synchronized void update(long doneUnits, String info) {
        this.done = doneUnits;
        this.suffix = info == null ? "" : info;
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && doneUnits < total) return;
        lastDraw = now;
        draw();
    }

    public void update(long doneUnits) {
        update(doneUnits, suffix);
    }

    private void draw() {
        double frac = total <= 0 ? 1 : Math.min(1.0, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(frac * width);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String eta = frac > 0 && frac < 1 ? String.format(Locale.ROOT, " eta %.0fs", secs * (1 - frac) / frac) : "";
        out.printf(Locale.ROOT, "\r%s [%s%s] %5.1f%% %.1fs%s %s", label, "#".repeat(filled), " ".repeat(width - filled),
                100 * frac, secs, eta, suffix);
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (!enabled) return;
        draw();
        out.println();
        out.flush();
    }
}
