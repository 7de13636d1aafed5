package org.ntpgeo.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Worker threads for work that is cut into a fixed list of blocks: {@link #run} executes blocks 0..n-1 (in any
 * order, each exactly once) and {@link #sum} adds per-block results in block order. The block list is the
 * caller's and must not depend on the number of threads; then results are bit-identical for every thread count,
 * because the threads only decide who computes which block, never how a number is computed. One thread runs
 * everything in the caller's thread.
 */
public final class BlockPool implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    public BlockPool(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads > 1 ? new ForkJoinPool(this.threads) : null;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code block.accept(b)} for b = 0..n-1; returns when all are done (rethrows the first failure). */
    public void run(int n, IntConsumer block) {
        if (pool == null || n < 2) {
            for (int b = 0; b < n; b++) block.accept(b);
        } else {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(block)).join();
        }
    }

    /** sum_b value(b) for b = 0..n-1, added in the order b = 0, 1, ..., n-1 whatever the thread count. */
    public double sum(int n, IntToDoubleFunction value) {
        double[] partial = new double[n];
        run(n, b -> partial[b] = value.applyAsDouble(b));
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }
}
