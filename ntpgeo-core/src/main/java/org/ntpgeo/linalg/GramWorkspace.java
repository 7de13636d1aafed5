package org.ntpgeo.linalg;

/**
 * Off-heap buffers and fixed-block products for repeated {@link GramSvd} work on matrices of one shape (the
 * iterations of a solver). A Java {@code double[]} passed to OpenBLAS through JNI is copied in and back out on every
 * call, and above glibc's 32 MB mmap threshold every copy lands in freshly mapped memory (page faults): a syrk of a
 * 160 x 30000 matrix measured 6x slower than on native memory. With a workspace the operand is copied in once per
 * operation and the result out once, and the products run as fixed blocks on the pool's threads
 * ({@link FixedBlockGemm}: OpenBLAS single-threaded while the workspace is open, results independent of the thread
 * count). Free it with {@link #close()}.
 */
public final class GramWorkspace implements AutoCloseable {
    final NativeMatrix in;
    final NativeMatrix out;
    final NativeMatrix gram;
    final FixedBlockGemm products;

    /** Buffers for rows x cols operands, products on {@code pool}'s threads (borrowed: the caller closes it). */
    public GramWorkspace(int rows, int cols, BlockPool pool) {
        int n = Math.min(rows, cols);
        this.in = new NativeMatrix(rows, cols);
        this.out = new NativeMatrix(rows, cols);
        this.gram = new NativeMatrix(n, n);
        this.products = new FixedBlockGemm(pool);
    }

    /** True when {@code m} has this workspace's shape (other shapes take the plain path). */
    boolean fits(Matrix m) {
        return m.rows == in.rows && m.cols == in.cols;
    }

    @Override
    public void close() {
        products.close();
        in.close();
        out.close();
        gram.close();
    }
}
