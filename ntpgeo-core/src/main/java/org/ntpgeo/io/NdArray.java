package org.ntpgeo.io;

import java.util.Arrays;

/**
 * An n-dimensional array as numpy stores it: a dtype, a shape and a flat Java array holding the elements
 * in C order (last index fastest) or Fortran order (first index fastest), as {@code fortranOrder} says.
 * Supported dtypes: float64, float32, int64, int32, bool and fixed-width unicode strings.
 */
public final class NdArray {
    /** Element types with their numpy descriptors. */
    public enum DType {
        FLOAT64("<f8", 8), FLOAT32("<f4", 4), INT64("<i8", 8), INT32("<i4", 4), BOOL("|b1", 1), UNICODE("<U", 4);

        public final String descr;
        public final int itemSize;

        DType(String descr, int itemSize) {
            this.descr = descr;
            this.itemSize = itemSize;
        }
    }

    private final DType dtype;
    private final long[] shape;
    private final boolean fortranOrder;
    private final Object data;

    private NdArray(DType dtype, long[] shape, boolean fortranOrder, Object data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.fortranOrder = fortranOrder;
        this.data = data;
        long n = size();
        if (n != java.lang.reflect.Array.getLength(data)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " elements, got "
                    + java.lang.reflect.Array.getLength(data));
        }
    }

    public static NdArray ofDoubles(double[] data, long... shape) {
        return new NdArray(DType.FLOAT64, shape, false, data);
    }

    /** A column-major (Fortran order) float64 matrix, e.g. the storage of {@code org.ntpgeo.linalg.Matrix}. */
    public static NdArray ofColumnMajor(double[] data, int rows, int cols) {
        return new NdArray(DType.FLOAT64, new long[] {rows, cols}, true, data);
    }

    public static NdArray ofFloats(float[] data, long... shape) {
        return new NdArray(DType.FLOAT32, shape, false, data);
    }

    public static NdArray ofInts(int[] data, long... shape) {
        return new NdArray(DType.INT32, shape, false, data);
    }

    public static NdArray ofLongs(long[] data, long... shape) {
        return new NdArray(DType.INT64, shape, false, data);
    }

    public static NdArray ofBooleans(boolean[] data, long... shape) {
        return new NdArray(DType.BOOL, shape, false, data);
    }

    /** A 1-d unicode string array ({@code <U n}, n = longest string in code points). */
    public static NdArray ofStrings(String[] data) {
        return new NdArray(DType.UNICODE, new long[] {data.length}, false, data);
    }

    public static NdArray scalar(long value) {
        return new NdArray(DType.INT64, new long[0], false, new long[] {value});
    }

    public static NdArray scalar(double value) {
        return new NdArray(DType.FLOAT64, new long[0], false, new double[] {value});
    }

    static NdArray raw(DType dtype, long[] shape, boolean fortranOrder, Object data) {
        return new NdArray(dtype, shape, fortranOrder, data);
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public boolean fortranOrder() {
        return fortranOrder;
    }

    public long size() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    Object data() {
        return data;
    }

    /** Elements as float64 in storage order (any numeric dtype converts). */
    public double[] asDoubles() {
        switch (dtype) {
            case FLOAT64: return (double[]) data;
            case FLOAT32: { float[] f = (float[]) data; double[] d = new double[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }
            case INT64: { long[] f = (long[]) data; double[] d = new double[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }
            case INT32: { int[] f = (int[]) data; double[] d = new double[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }
            default: throw new IllegalStateException("array of " + dtype + " is not numeric");
        }
    }

    /** A 2-d numeric array as a column-major double[] (converting C order if needed). */
    public double[] asColumnMajor() {
        if (shape.length != 2) throw new IllegalStateException("expected a 2-d array, got shape " + Arrays.toString(shape));
        double[] d = asDoubles();
        if (fortranOrder) return d;
        int r = (int) shape[0], c = (int) shape[1];
        double[] out = new double[d.length];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) out[i + j * r] = d[i * c + j];
        return out;
    }

    public int[] asInts() {
        switch (dtype) {
            case INT32: return (int[]) data;
            case INT64: { long[] f = (long[]) data; int[] d = new int[f.length]; for (int i = 0; i < f.length; i++) d[i] = Math.toIntExact(f[i]); return d; }
            default: throw new IllegalStateException("array of " + dtype + " is not an integer array");
        }
    }

    public long[] asLongs() {
        switch (dtype) {
            case INT64: return (long[]) data;
            case INT32: { int[] f = (int[]) data; long[] d = new long[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }
            default: throw new IllegalStateException("array of " + dtype + " is not an integer array");
        }
    }

    public String[] asStrings() {
        if (dtype != DType.UNICODE) throw new IllegalStateException("array of " + dtype + " is not a string array");
        return (String[]) data;
    }

    public boolean[] asBooleans() {
        if (dtype != DType.BOOL) throw new IllegalStateException("array of " + dtype + " is not a bool array");
        return (boolean[]) data;
    }

    public long longScalar() {
        if (size() != 1) throw new IllegalStateException("not a scalar: shape " + Arrays.toString(shape));
        return asLongs()[0];
    }
}
