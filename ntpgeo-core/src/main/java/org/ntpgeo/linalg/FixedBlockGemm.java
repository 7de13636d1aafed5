package org.ntpgeo.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Matrix products C = alpha op(A) op(B) + beta C on native memory whose results do not depend on the number of
 * threads: the product is cut into a fixed list of blocks that depends only on the shapes, every block is one
 * single-threaded OpenBLAS dgemm, and the {@link BlockPool}'s threads only decide who computes which block.
 * <ul>
 *   <li>C with at least as many columns as the inner dimension k, or k &le; {@link #INNER_BLOCK}: blocks of
 *       {@link #COLUMN_BLOCK} columns of C (and of op(B)); each entry of C comes from one dgemm over the whole k.
 *       (L = W H and grad H = W^T G of the UFM.)</li>
 *   <li>Otherwise (a narrow C and a long inner dimension, e.g. grad W = G H^T, which sums over all m contexts):
 *       k is cut into at most {@link #MAX_INNER_BLOCKS} equal pieces of about {@link #INNER_BLOCK}; piece 0 goes
 *       into C with beta, the others into partial products, which are added to C in piece order, element by
 *       element (an addition per element, so that sum is exact in any kernel and any split of the elements).</li>
 * </ul>
 * OpenBLAS runs single-threaded while an instance is open (a {@link BlasThreads} scope of 1, restored by
 * {@link #close()}): its own threads would split a block by the thread count again. Other BLAS calls in the
 * process are single-threaded meanwhile too. Concurrent calls into OpenBLAS from the pool's threads are safe with
 * its thread count at 1 ({@code FixedBlockGemmTest} checks them against a serial run).
 */
public final class FixedBlockGemm implements AutoCloseable {
    /** Columns of C per block in the column split. */
    public static final int COLUMN_BLOCK = 1024;
    /** Target length of a piece of the inner dimension in the inner split. */
    public static final int INNER_BLOCK = 2048;
    /** At most this many pieces (bounds the memory for partial products to that many copies of C). */
    public static final int MAX_INNER_BLOCKS = 64;
    /** Elements per task when partial products are added to C. */
    private static final int ADD_BLOCK = 1 << 16;

    private final BlockPool pool;
    private final BlasThreads single;
    private NativeMatrix[] partials = new NativeMatrix[0];

    /** Products on {@code pool}'s threads (borrowed: the caller closes it). */
    public FixedBlockGemm(BlockPool pool) {
        this.pool = pool;
        this.single = BlasThreads.single();
    }

    /** The list of blocks of a product of these shapes: fixed by m, n and k alone. */
    record Split(boolean inner, int blocks, int size) {
        static Split of(int m, int n, int k) {
            if (n >= k || k <= INNER_BLOCK) {
                int blocks = Math.max(1, (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK);
                return new Split(false, blocks, COLUMN_BLOCK);
            }
            int blocks = Math.min(MAX_INNER_BLOCKS, (k + INNER_BLOCK - 1) / INNER_BLOCK);
            int size = (k + blocks - 1) / blocks;
            return new Split(true, (k + size - 1) / size, size);
        }
    }

    /** C = alpha op(A) op(B) + beta C. */
    public void gemm(boolean transA, boolean transB, double alpha, NativeMatrix a, NativeMatrix b, double beta, NativeMatrix c) {
        GemmShape shape = GemmShape.of(transA, transB, a.rows, a.cols, b.rows, b.cols, c.rows, c.cols);
        int m = shape.m(), n = shape.n(), k = shape.k();
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0, len = m * n; i < len; i++) c.buffer().put(i, beta == 0 ? 0.0 : beta * c.buffer().get(i));
            return;
        }
        int lda = Math.max(1, a.rows);
        int ldb = Math.max(1, b.rows);
        int ldc = Math.max(1, c.rows);
        int opA = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int opB = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        Split split = Split.of(m, n, k);
        if (!split.inner) {
            pool.run(split.blocks, blk -> {
                int j0 = blk * split.size;
                int cols = Math.min(n, j0 + split.size) - j0;
                openblas.cblas_dgemm(openblas.CblasColMajor, opA, opB, m, cols, k, alpha, a.at(0), lda,
                        b.at(transB ? j0 : (long) j0 * ldb), ldb, beta, c.at((long) j0 * ldc), ldc);
            });
            return;
        }
        NativeMatrix[] part = partials(m, n, split.blocks - 1);
        pool.run(split.blocks, blk -> {
            int p0 = blk * split.size;
            int len = Math.min(k, p0 + split.size) - p0;
            DoublePointer target = blk == 0 ? c.at(0) : part[blk - 1].at(0);
            openblas.cblas_dgemm(openblas.CblasColMajor, opA, opB, m, n, len, alpha,
                    a.at(transA ? p0 : (long) p0 * lda), lda, b.at(transB ? (long) p0 * ldb : p0), ldb,
                    blk == 0 ? beta : 0.0, target, ldc);
        });
        int total = m * n;
        pool.run((total + ADD_BLOCK - 1) / ADD_BLOCK, piece -> {
            int from = piece * ADD_BLOCK;
            int len = Math.min(total, from + ADD_BLOCK) - from;
            DoublePointer y = c.at(from);
            for (NativeMatrix p : part) openblas.cblas_daxpy(len, 1.0, p.at(from), 1, y, 1);
        });
    }

    /**
     * C = A A^T (n x n, both triangles written) for A n x k, A^T A when {@code trans} (then one call). A long inner
     * dimension (the wide case with n < k, k > {@link #INNER_BLOCK}) is cut as in {@link #gemm}: partial dsyrk
     * products over fixed pieces of k, added to C in piece order; otherwise one dsyrk. Half the multiply-adds of
     * the gemm A A^T.
     */
    public void gram(NativeMatrix a, boolean trans, NativeMatrix c) {
        int n = trans ? a.cols : a.rows;
        int k = trans ? a.rows : a.cols;
        if (c.rows != n || c.cols != n) throw new IllegalArgumentException("gram of " + a.rows + "x" + a.cols + " into " + c.rows + "x" + c.cols);
        if (n == 0) return;
        if (k == 0) {
            for (int i = 0; i < n * n; i++) c.buffer().put(i, 0.0);
            return;
        }
        int lda = Math.max(1, a.rows);
        Split split = trans ? new Split(false, 1, k) : Split.of(n, n, k);
        if (!split.inner) {
            openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, trans ? openblas.CblasTrans : openblas.CblasNoTrans, n, k, 1.0,
                    a.at(0), lda, 0.0, c.at(0), n);
        } else {
            NativeMatrix[] part = partials(n, n, split.blocks - 1);
            pool.run(split.blocks, blk -> {
                int p0 = blk * split.size;
                int len = Math.min(k, p0 + split.size) - p0;
                openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, len, 1.0,
                        a.at((long) p0 * lda), lda, 0.0, blk == 0 ? c.at(0) : part[blk - 1].at(0), n);
            });
            for (NativeMatrix p : part) openblas.cblas_daxpy(n * n, 1.0, p.at(0), 1, c.at(0), 1);
        }
        java.nio.DoubleBuffer b = c.buffer();
        for (int j = 0; j < n; j++) for (int i = j + 1; i < n; i++) b.put(i + j * n, b.get(j + i * n));
    }

    private NativeMatrix[] partials(int m, int n, int count) {
        if (partials.length != count || (count > 0 && (partials[0].rows != m || partials[0].cols != n))) {
            for (NativeMatrix p : partials) p.close();
            partials = new NativeMatrix[count];
            for (int i = 0; i < count; i++) partials[i] = new NativeMatrix(m, n);
        }
        return partials;
    }

    @Override
    public void close() {
        for (NativeMatrix p : partials) p.close();
        partials = new NativeMatrix[0];
        single.close();
    }
}
