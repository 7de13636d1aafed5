package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Conversions between Java arrays and NDArrays of the model's data type.
 *
 * <p><b>Every tensor made here owns its memory (allocated by libtorch).</b> DJL's PyTorch engine creates a CPU
 * tensor from Java data zero-copy: the tensor points into a direct ByteBuffer that only the Java NDArray object
 * keeps alive, and {@code close()} drops that reference while libtorch may still hold the tensor (a view, or a
 * value saved by autograd for the backward pass). The garbage collector then frees the memory under libtorch,
 * which reads whatever malloc puts there next: NaN or wrong gradients, only when a GC happens at the wrong moment.
 * The same holds for DJL's scalar arithmetic ({@code x.mul(3.0)}, {@code x.div(2.0)}, ...): it wraps the number
 * in such a tensor and closes it at once, so on any array that autograd records, multiply by {@link #scalar}
 * instead. Scalar arithmetic is safe outside autograd (grad mode off), where the number is used before the call
 * returns.
 */
final class Tensors {
    private Tensors() {}

    /** A new array of {@code dtype} holding {@code values} (row-major) in {@code manager}, in libtorch memory. */
    static NDArray create(NDManager manager, double[] values, Shape shape, DataType dtype) {
        try (NDArray javaView = manager.create(values, shape)) {
            return dtype == DataType.FLOAT64 ? javaView.duplicate() : javaView.toType(dtype, true);
        }
    }

    /** A new int64 array holding {@code values} (row-major) in {@code manager}, in libtorch memory. */
    static NDArray create(NDManager manager, long[] values, Shape shape) {
        try (NDArray javaView = manager.create(values, shape)) {
            return javaView.duplicate();
        }
    }

    /** A 0-dimensional array of {@code dtype} holding {@code value}, in libtorch memory (a safe scalar factor). */
    static NDArray scalar(NDManager manager, double value, DataType dtype) {
        return create(manager, new double[] {value}, new Shape(), dtype);
    }

    /** The values of {@code a} (any float type) as float64, row-major. */
    static double[] toDoubles(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) return a.toDoubleArray();
        try (NDArray c = a.toType(DataType.FLOAT64, true)) {
            return c.toDoubleArray();
        }
    }

    /**
     * Overwrite {@code a}'s values in place with {@code values} (row-major), converted to a's data type. The values
     * are copied into a's own storage (DJL's {@code NDArray.set} would instead make a point into Java memory).
     */
    static void assign(NDArray a, double[] values) {
        long[] dims = a.getShape().getShape();
        if (dims.length == 0) throw new IllegalArgumentException("assign needs an array with at least one dimension");
        if (values.length != a.getShape().size()) {
            throw new IllegalArgumentException("assign: " + values.length + " values for shape " + a.getShape());
        }
        long[] from = new long[dims.length];
        long[] step = new long[dims.length];
        java.util.Arrays.fill(step, 1);
        try (NDArray src = create(a.getManager(), values, a.getShape(), a.getDataType())) {
            JniUtils.indexSet((PtNDArray) a, (PtNDArray) src, from, dims, step);
        }
    }
}
