package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;

/**
 * The resumable state of a neural model as an .npz (written atomically): {@code meta.tag} (kind, dtype,
 * optimiser), {@code opt.steps}, {@code param.NAME} for every parameter and, for Adam/AdamW,
 * {@code adam.m.NAME} / {@code adam.v.NAME}; arrays in the model's own dtype, so a reload is bit-exact. No RNG
 * state is needed: initialisation happens once, and mini-batch shuffling is a function of (seed, epoch).
 */
final class ModelStateFile {
    private ModelStateFile() {}

    static void save(Path file, String[] tag, ParameterSet params, Optimizer optimizer) {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("meta.tag", NdArray.ofStrings(tag));
        arrays.put("opt.steps", NdArray.scalar(optimizer.steps()));
        List<ParameterSet.Entry> entries = params.entries();
        for (int i = 0; i < entries.size(); i++) {
            ParameterSet.Entry e = entries.get(i);
            arrays.put("param." + e.name(), toNd(e.array()));
            if (!optimizer.firstMoments().isEmpty()) {
                arrays.put("adam.m." + e.name(), toNd(optimizer.firstMoments().get(i)));
                arrays.put("adam.v." + e.name(), toNd(optimizer.secondMoments().get(i)));
            }
        }
        Npz.write(file, arrays);
    }

    /** Overwrite parameters and optimiser state in place (call with libtorch's grad mode off). */
    static void load(Path file, String[] tag, ParameterSet params, Optimizer optimizer) {
        Map<String, NdArray> arrays = Npz.read(file);
        NdArray meta = arrays.get("meta.tag");
        if (meta == null || !Arrays.equals(meta.asStrings(), tag)) {
            throw new UserError("state file " + file + " is not a " + String.join(" ", tag) + " model state");
        }
        List<ParameterSet.Entry> entries = params.entries();
        for (int i = 0; i < entries.size(); i++) {
            ParameterSet.Entry e = entries.get(i);
            assign(arrays, "param." + e.name(), e.array(), file);
            if (!optimizer.firstMoments().isEmpty()) {
                assign(arrays, "adam.m." + e.name(), optimizer.firstMoments().get(i), file);
                assign(arrays, "adam.v." + e.name(), optimizer.secondMoments().get(i), file);
            }
        }
        NdArray steps = arrays.get("opt.steps");
        if (steps == null) throw new UserError("state file " + file + " has no optimiser step count");
        optimizer.setSteps(steps.longScalar());
    }

    private static NdArray toNd(NDArray a) {
        long[] shape = a.getShape().getShape();
        if (a.getDataType() == DataType.FLOAT64) return NdArray.ofDoubles(a.toDoubleArray(), shape);
        return NdArray.ofFloats(a.toFloatArray(), shape);
    }

    private static void assign(Map<String, NdArray> arrays, String key, NDArray target, Path file) {
        NdArray a = arrays.get(key);
        if (a == null || !Arrays.equals(a.shape(), target.getShape().getShape())) {
            throw new UserError("state file " + file + " does not match the model (" + key + " missing or of another shape)");
        }
        Tensors.assign(target, a.asDoubles());
    }
}
