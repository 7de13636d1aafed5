package org.ntpgeo.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Which epochs are logged (metrics row + checkpoint): log-spaced 0, 1, 2, 5, 10, 20, 50, 100, ... by default,
 * or every N epochs; the last epoch of a run is always logged. Epoch e means "after e epochs of training"
 * (epoch 0 is the initialisation).
 */
public final class LogSchedule {
    private final int every;

    private LogSchedule(int every) {
        this.every = every;
    }

    public static LogSchedule logSpaced() {
        return new LogSchedule(0);
    }

    public static LogSchedule every(int n) {
        if (n < 1) throw new IllegalArgumentException("log interval must be >= 1");
        return new LogSchedule(n);
    }

    /** "log" or the integer interval, as given to --log-every (recorded in run.json). */
    public static LogSchedule parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("log")) return logSpaced();
        try {
            int n = Integer.parseInt(spec.trim());
            if (n >= 1) return every(n);
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new org.ntpgeo.common.OptionError("bad {log_every} '" + spec + "': use 'log' (0,1,2,5,10,20,50,...) or an integer >= 1");
    }

    public boolean isLogged(int epoch, int totalEpochs) {
        if (epoch == totalEpochs || epoch == 0) return true;
        if (epoch < 0 || epoch > totalEpochs) return false;
        if (every > 0) return epoch % every == 0;
        long p = 1;
        while (p <= epoch) {
            if (epoch == p || epoch == 2 * p || epoch == 5 * p) return true;
            if (p > Integer.MAX_VALUE / 10) break;
            p *= 10;
        }
        return false;
    }

    /** All logged epochs of a run of {@code totalEpochs} epochs, ascending. */
    public List<Integer> epochs(int totalEpochs) {
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e <= totalEpochs; e++) if (isLogged(e, totalEpochs)) out.add(e);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogSchedule other && other.every == every;
    }

    @Override
    public int hashCode() {
        return every;
    }

    @Override
    public String toString() {
        return every == 0 ? "log" : Integer.toString(every);
    }
}
