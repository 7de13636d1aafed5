package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Conversions between Java arrays and NDArrays of the model's data type. */
final class Tensors {
    private Tensors() {}

    /** A new array of {@code dtype} holding {@code values} (row-major) in {@code manager}. */
    static NDArray create(NDManager manager, double[] values, Shape shape, DataType dtype) {
        NDArray a = manager.create(values, shape);
        if (dtype == DataType.FLOAT64) return a;
        NDArray c = a.toType(dtype, true);
        a.close();
        return c;
    }

    /** The values of {@code a} (any float type) as float64, row-major. */
    static double[] toDoubles(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) return a.toDoubleArray();
        try (NDArray c = a.toType(DataType.FLOAT64, true)) {
            return c.toDoubleArray();
        }
    }

    /** Overwrite {@code a}'s values in place with {@code values} (row-major), converting to a's data type. */
    static void assign(NDArray a, double[] values) {
        if (a.getDataType() == DataType.FLOAT64) {
            a.set(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            a.set(f);
        }
    }
}
