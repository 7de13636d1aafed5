package org.ntpgeo.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A dense float64 column-major matrix in native (off-heap) memory, for hot loops that call dgemm many times on
 * large operands: passing a Java {@code double[]} through JNI copies the whole array in and out on every call
 * (about 0.3 s for a 1000 x 20000 matrix), native memory is handed to OpenBLAS as is (products: {@link FixedBlockGemm}). Java code reads and
 * writes it through {@link #buffer()} (absolute indices; bulk column copies are fast). Free it with {@link #close()}.
 */
public final class NativeMatrix implements AutoCloseable {
    public final int rows;
    public final int cols;
    private final DoublePointer pointer;
    private final DoubleBuffer buffer;

    public NativeMatrix(int rows, int cols) {
        long n = (long) rows * cols;
        if (rows < 0 || cols < 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException("bad native matrix shape " + rows + "x" + cols);
        NativeBlas.ensureLoaded();
        this.rows = rows;
        this.cols = cols;
        this.pointer = new DoublePointer(Math.max(1, n));
        this.buffer = pointer.asBuffer();
    }

    /** Direct view of the data (element (i, j) at index i + j * rows); use absolute get/put only. */
    public DoubleBuffer buffer() {
        return buffer;
    }

    public void copyFrom(Matrix m) {
        check(m);
        pointer.position(0).put(m.data, 0, m.data.length);
    }

    public void copyTo(Matrix m) {
        check(m);
        pointer.position(0).get(m.data, 0, m.data.length);
    }

    private void check(Matrix m) {
        if (m.rows != rows || m.cols != cols) throw new IllegalArgumentException("shape " + m.rows + "x" + m.cols + " vs " + rows + "x" + cols);
    }

    /**
     * C = alpha * op(A) op(B) + beta * C as one OpenBLAS call with OpenBLAS's own threads: its rounding depends on
     * that thread count (and the CPU's kernel). Training uses {@link FixedBlockGemm}; benchmarks compare with this.
     */
    public static void gemm(boolean transA, boolean transB, double alpha, NativeMatrix a, NativeMatrix b, double beta, NativeMatrix c) {
        GemmShape shape = GemmShape.of(transA, transB, a.rows, a.cols, b.rows, b.cols, c.rows, c.cols);
        if (shape.degenerate()) throw new IllegalArgumentException("gemm of an empty shape " + shape);
        openblas.cblas_dgemm(openblas.CblasColMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, shape.m(), shape.n(), shape.k(), alpha, a.at(0), Math.max(1, a.rows),
                b.at(0), Math.max(1, b.rows), beta, c.at(0), Math.max(1, c.rows));
    }

    /** A view of the data starting at element {@code offset} (column-major index), for native calls. */
    DoublePointer at(long offset) {
        return new DoublePointer(pointer).position(offset);
    }

    @Override
    public void close() {
        pointer.close();
    }
}
