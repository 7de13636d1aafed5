package org.ntpgeo.linalg;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense float64 matrix stored column-major (LAPACK layout): element (i, j) is {@code data[i + j * rows]}.
 * Mutable for speed in inner loops; methods that return a new matrix say so. Operations that need BLAS or
 * LAPACK live in {@link Blas}, {@link Svd} and {@link SymmetricEigen}.
 */
public final class Matrix {
    public final int rows;
    public final int cols;
    public final double[] data;

    public Matrix(int rows, int cols) {
        this(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** Wraps (does not copy) a column-major array. */
    public Matrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols);
    }

    public static Matrix identity(int n) {
        Matrix m = new Matrix(n, n);
        for (int i = 0; i < n; i++) m.data[i + i * n] = 1;
        return m;
    }

    /** From row arrays, {@code a[i][j]} = element (i, j). */
    public static Matrix fromRows(double[][] a) {
        int r = a.length, c = r == 0 ? 0 : a[0].length;
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < r; i++) {
            if (a[i].length != c) throw new IllegalArgumentException("ragged rows");
            for (int j = 0; j < c; j++) m.data[i + j * r] = a[i][j];
        }
        return m;
    }

    /** i.i.d. N(0, scale^2) entries from a seeded generator (reproducible). */
    public static Matrix gaussian(int rows, int cols, double scale, java.util.Random rng) {
        Matrix m = new Matrix(rows, cols);
        for (int k = 0; k < m.data.length; k++) m.data[k] = scale * rng.nextGaussian();
        return m;
    }

    public double get(int i, int j) {
        return data[i + j * rows];
    }

    public void set(int i, int j, double v) {
        data[i + j * rows] = v;
    }

    public void add(int i, int j, double v) {
        data[i + j * rows] += v;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** New matrix: the transpose. */
    public Matrix transpose() {
        Matrix t = new Matrix(cols, rows);
        for (int j = 0; j < cols; j++) {
            int off = j * rows;
            for (int i = 0; i < rows; i++) t.data[j + i * cols] = data[off + i];
        }
        return t;
    }

    /** New matrix: columns {@code from..to-1}. */
    public Matrix columns(int from, int to) {
        return new Matrix(rows, to - from, Arrays.copyOfRange(data, from * rows, to * rows));
    }

    /** New matrix of the given columns, in the given order. */
    public Matrix selectColumns(int[] cols) {
        Matrix s = new Matrix(rows, cols.length);
        for (int t = 0; t < cols.length; t++) System.arraycopy(data, cols[t] * rows, s.data, t * rows, rows);
        return s;
    }

    /** New matrix of the given rows, in the given order. */
    public Matrix selectRows(int[] rowIndex) {
        Matrix s = new Matrix(rowIndex.length, cols);
        for (int j = 0; j < cols; j++) for (int t = 0; t < rowIndex.length; t++) s.data[t + j * rowIndex.length] = data[rowIndex[t] + j * rows];
        return s;
    }

    /** New matrix of the entries at the given rows and columns (each in the given order). */
    public Matrix block(int[] rowIndex, int[] colIndex) {
        return selectColumns(colIndex).selectRows(rowIndex);
    }

    public double[] column(int j) {
        return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
    }

    public double[] row(int i) {
        double[] r = new double[cols];
        for (int j = 0; j < cols; j++) r[j] = data[i + j * rows];
        return r;
    }

    /** this += alpha * other (in place); returns this. */
    public Matrix addInPlace(double alpha, Matrix other) {
        checkSameShape(other);
        for (int k = 0; k < data.length; k++) data[k] += alpha * other.data[k];
        return this;
    }

    /** this *= alpha (in place); returns this. */
    public Matrix scaleInPlace(double alpha) {
        for (int k = 0; k < data.length; k++) data[k] *= alpha;
        return this;
    }

    /** New matrix: this + alpha * other. */
    public Matrix plus(double alpha, Matrix other) {
        return copy().addInPlace(alpha, other);
    }

    public Matrix minus(Matrix other) {
        return plus(-1, other);
    }

    /** New matrix: alpha * this. */
    public Matrix times(double alpha) {
        return copy().scaleInPlace(alpha);
    }

    public Matrix map(DoubleUnaryOperator f) {
        Matrix out = new Matrix(rows, cols);
        for (int k = 0; k < data.length; k++) out.data[k] = f.applyAsDouble(data[k]);
        return out;
    }

    /** Frobenius inner product. */
    public double dot(Matrix other) {
        checkSameShape(other);
        double s = 0;
        for (int k = 0; k < data.length; k++) s += data[k] * other.data[k];
        return s;
    }

    public double frobeniusNorm() {
        double scale = 0, ssq = 1;
        for (double v : data) {
            if (v != 0) {
                double a = Math.abs(v);
                if (scale < a) {
                    ssq = 1 + ssq * (scale / a) * (scale / a);
                    scale = a;
                } else {
                    ssq += (a / scale) * (a / scale);
                }
            }
        }
        return scale * Math.sqrt(ssq);
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** True when every entry is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (double v : data) if (!Double.isFinite(v)) return false;
        return true;
    }

    public void checkSameShape(Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape mismatch: " + rows + "x" + cols + " vs " + other.rows + "x" + other.cols);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix " + rows + "x" + cols);
        if ((long) rows * cols <= 64) {
            for (int i = 0; i < rows; i++) sb.append('\n').append(Arrays.toString(row(i)));
        }
        return sb.toString();
    }
}
