package org.ntpgeo.linalg;

/**
 * A scope in which the native OpenBLAS uses a given number of threads, restored to the previous count on
 * {@link #close()}. OpenBLAS keeps one process-wide count, so scopes must be closed in the reverse order of
 * opening (try-with-resources does that) and code running BLAS from other threads meanwhile sees the same count.
 * Changing the count costs about a millisecond (OpenBLAS parks or wakes its workers), so hold a scope for a
 * whole computation, not around every call; a scope that asks for the current count changes nothing.
 */
public final class BlasThreads implements AutoCloseable {
    private final int previous;
    private final int threads;
    private boolean closed;

    private BlasThreads(int threads) {
        this.previous = NativeBlas.threads();
        this.threads = Math.max(1, threads);
        if (this.threads != previous) NativeBlas.setThreads(this.threads);
    }

    /** OpenBLAS with {@code threads} threads (at least 1) until {@link #close()}. */
    public static BlasThreads use(int threads) {
        return new BlasThreads(threads);
    }

    /** Single-threaded OpenBLAS until {@link #close()}: what {@link FixedBlockGemm} needs for its block products. */
    public static BlasThreads single() {
        return new BlasThreads(1);
    }

    /** The count this scope set. */
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (NativeBlas.threads() != previous) NativeBlas.setThreads(previous);
    }
}
