package org.ntpgeo.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr. On a terminal it redraws in place at most every 200 ms; when stderr is
 * not a terminal (logs, CI) it prints a plain line at most every 10 s instead, so logs stay readable. Prints
 * nothing when disabled (small inputs, or {@code NTPGEO_NO_PROGRESS} set). Thread-safe for {@link #update}.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final long total;
    private final boolean enabled;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
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
        long interval = interactive ? 200_000_000L : 10_000_000_000L;
        if (lastDraw == 0 && !interactive) lastDraw = now; // first plain line after 10 s, not at once
        if (now - lastDraw < interval) return;
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
        out.printf(Locale.ROOT, "%s%s [%s%s] %5.1f%% %.1fs%s %s%s", interactive ? "\r" : "", label, "#".repeat(filled),
                " ".repeat(width - filled), 100 * frac, secs, eta, suffix, interactive ? "" : "\n");
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (!enabled) return;
        if (interactive) {
            draw();
            out.println();
        } else if (lastDraw != 0) {
            draw();
        }
        out.flush();
    }
}
