package org.ntpgeo.common;

/**
 * Where the library reports progress: long tasks (counting a corpus, solving, training, analysing) and step or
 * trace messages. The library never prints; the caller supplies a listener (the CLI draws bars on its error
 * stream) or {@link #NONE}, which drops everything.
 */
public interface ProgressListener {
    /** Drops every task and message. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public Progress start(String label, long total) {
            return Progress.NONE;
        }
    };

    /** A task of {@code total} units (bytes, epochs, lambdas...) has started; close the handle when it ends. */
    Progress start(String label, long total);

    /** {@link #start} when {@code show}, else a handle that ignores its updates (small inputs need no bar). */
    default Progress startIf(boolean show, String label, long total) {
        return show ? start(label, total) : Progress.NONE;
    }

    /** A one-line step or trace message (a solver's iteration log, a pipeline step). */
    default void message(String line) {
    }
}
