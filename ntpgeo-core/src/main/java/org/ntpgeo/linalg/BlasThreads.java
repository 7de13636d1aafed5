package org.ntpgeo.linalg;

/**
 * A scope in which the native OpenBLAS uses a given number of threads, restored on {@link #close()}. OpenBLAS
 * keeps one process-wide count, so code running BLAS from other threads meanwhile sees the same count.
 * <ul>
 *   <li>{@link #single()} scopes (what {@link FixedBlockGemm} holds) are counted: the first one opened sets the
 *       count to 1, the last one closed restores the count found by the first, in whatever order they close.</li>
 *   <li>{@link #use(int)} scopes set a count and restore the previous one; close them in the reverse order of
 *       opening (try-with-resources does that), and not around code that holds a single() scope.</li>
 * </ul>
 * Changing the count costs about a millisecond (OpenBLAS parks or wakes its workers), so hold a scope for a whole
 * computation, not around every call; a scope that asks for the current count changes nothing.
 */
public final class BlasThreads implements AutoCloseable {
    private static int singleHolders;
    private static int beforeSingle;

    private final boolean single;
    private final int previous;
    private final int threads;
    private boolean closed;

    private BlasThreads(boolean single, int threads) {
        this.single = single;
        this.threads = Math.max(1, threads);
        synchronized (BlasThreads.class) {
            if (single) {
                this.previous = -1;
                if (singleHolders++ == 0) {
                    beforeSingle = NativeBlas.threads();
                    if (beforeSingle != 1) NativeBlas.setThreads(1);
                }
            } else {
                this.previous = NativeBlas.threads();
                if (this.threads != previous) NativeBlas.setThreads(this.threads);
            }
        }
    }

    /** OpenBLAS with {@code threads} threads (at least 1) until {@link #close()}. */
    public static BlasThreads use(int threads) {
        return new BlasThreads(false, threads);
    }

    /** Single-threaded OpenBLAS until the last open single() scope is closed. */
    public static BlasThreads single() {
        return new BlasThreads(true, 1);
    }

    /** The count this scope set. */
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        synchronized (BlasThreads.class) {
            if (closed) return;
            closed = true;
            if (single) {
                if (--singleHolders == 0 && NativeBlas.threads() != beforeSingle) NativeBlas.setThreads(beforeSingle);
            } else if (NativeBlas.threads() != previous) {
                NativeBlas.setThreads(previous);
            }
        }
    }
}
