package org.ntpgeo.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A dense float64 column-major matrix in native (off-heap) memory, for hot loops that call dgemm many times on
 * large operands: passing a Java {@code double[]} through JNI copies the whole array in and out on every call
 * (about 0.3 s for a 1000 x 20000 matrix), native memory is handed to OpenBLAS as is. Java code reads and
 * writes it through {@link #buffer()} (absolute indices; bulk column copies are fast). Free it with {@link #close()}.
 */
public final class NativeMatrix implements AutoCloseable {
    public final int rows;
    public final int cols;
    private final DoublePointer pointer;
    private final DoubleBuffer buffer;
    private final boolean owner;

    public NativeMatrix(int rows, int cols) {
        long n = (long) rows * cols;
        if (rows < 0 || cols < 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException("bad native matrix shape " + rows + "x" + cols);
        NativeBlas.ensureLoaded();
        this.rows = rows;
        this.cols = cols;
        this.pointer = new DoublePointer(Math.max(1, n));
        this.buffer = pointer.asBuffer();
        this.owner = true;
    }

    private NativeMatrix(int rows, int cols, DoublePointer view) {
        this.rows = rows;
        this.cols = cols;
        this.pointer = view;
        this.buffer = view.capacity(Math.max(1, (long) rows * cols)).asBuffer();
        this.owner = false;
    }

    /** Columns [from, to) as a matrix sharing this one's memory (closing the view frees nothing). */
    NativeMatrix columns(int from, int to) {
        if (from < 0 || to > cols || from > to) throw new IllegalArgumentException("columns " + from + ".." + to + " of " + cols);
        return new NativeMatrix(rows, to - from, pointer.position(0).getPointer((long) from * rows));
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

    /** C = alpha * op(A) op(B) + beta * C on native memory (no copies). */
    public static void gemm(boolean transA, boolean transB, double alpha, NativeMatrix a, NativeMatrix b, double beta, NativeMatrix c) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C " + c.rows + "x" + c.cols);
        }
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0, len = m * n; i < len; i++) c.buffer.put(i, beta == 0 ? 0.0 : beta * c.buffer.get(i));
            return;
        }
        openblas.cblas_dgemm(openblas.CblasColMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a.pointer.position(0), Math.max(1, a.rows),
                b.pointer.position(0), Math.max(1, b.rows), beta, c.pointer.position(0), Math.max(1, c.rows));
    }

    /**
     * C = A A^T (if {@code !trans}) or A^T A (if {@code trans}) on native memory (dsyrk, no copies): both triangles
     * of the n x n matrix C are written.
     */
    public static void gram(NativeMatrix a, boolean trans, NativeMatrix c) {
        int n = trans ? a.cols : a.rows;
        int k = trans ? a.rows : a.cols;
        if (c.rows != n || c.cols != n) throw new IllegalArgumentException("gram of " + a.rows + "x" + a.cols + " into " + c.rows + "x" + c.cols);
        if (n == 0) return;
        if (k == 0) {
            for (int i = 0; i < n * n; i++) c.buffer.put(i, 0.0);
            return;
        }
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, trans ? openblas.CblasTrans : openblas.CblasNoTrans, n, k, 1.0,
                a.pointer.position(0), Math.max(1, a.rows), 0.0, c.pointer.position(0), n);
        for (int j = 0; j < n; j++) for (int i = j + 1; i < n; i++) c.buffer.put(i + j * n, c.buffer.get(j + i * n));
    }

    @Override
    public void close() {
        if (owner) pointer.close();
    }
}
