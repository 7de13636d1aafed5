package org.ntpgeo.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;

/**
 * The command line's {@link ProgressListener}: one-line progress bars and messages on the command's error writer.
 * On a terminal a bar redraws in place at most every 200 ms; when the error stream is not a terminal (logs, CI)
 * it prints a plain line at most every 10 s instead (and a last one when it ends, if it printed any), so logs stay
 * readable. Bars are off when {@code showBars} is
 * false or {@code NTPGEO_NO_PROGRESS} is set; messages (solver traces, pipeline steps) are always printed.
 */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter out;
    private final boolean showBars;
    private final boolean interactive;

    TerminalProgress(PrintWriter out, boolean showBars) {
        this.out = out;
        this.showBars = showBars && System.getenv("NTPGEO_NO_PROGRESS") == null;
        this.interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** A listener on {@code out} when {@code show}, else {@link ProgressListener#NONE} (no bars, no messages). */
    static ProgressListener orNone(boolean show, PrintWriter out) {
        return show ? new TerminalProgress(out, true) : ProgressListener.NONE;
    }

    @Override
    public Progress start(String label, long total) {
        return showBars ? new Bar(label, total) : Progress.NONE;
    }

    @Override
    public void message(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private final class Bar implements Progress {
        private final String label;
        private final long total;
        private final long startNanos = System.nanoTime();
        private long lastDraw;
        private boolean drawn;
        private String suffix = "";
        private long done;

        Bar(String label, long total) {
            this.label = label;
            this.total = total;
        }

        @Override
        public synchronized void update(long doneUnits, String info) {
            this.done = doneUnits;
            if (info != null) this.suffix = info;
            long now = System.nanoTime();
            long interval = interactive ? 200_000_000L : 10_000_000_000L;
            if (lastDraw == 0 && !interactive) lastDraw = now; // first plain line after 10 s, not at once
            if (now - lastDraw < interval) return;
            lastDraw = now;
            draw();
        }

        private void draw() {
            double frac = total <= 0 ? 1 : Math.min(1.0, (double) done / total);
            int width = 30;
            int filled = (int) Math.round(frac * width);
            double secs = (System.nanoTime() - startNanos) / 1e9;
            String eta = frac > 0 && frac < 1 ? String.format(Locale.ROOT, " eta %.0fs", secs * (1 - frac) / frac) : "";
            drawn = true;
            synchronized (out) {
                out.printf(Locale.ROOT, "%s%s [%s%s] %5.1f%% %.1fs%s %s%s", interactive ? "\r" : "", label, "#".repeat(filled),
                        " ".repeat(width - filled), 100 * frac, secs, eta, suffix, interactive ? "" : "\n");
                out.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (interactive) {
                draw();
                out.println();
            } else if (drawn) { // a task that printed a line in a log ends with its final state; a short one prints nothing
                draw();
            }
            out.flush();
        }
    }
}
