package org.ntpgeo.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The trainable tensors of a model, in a fixed order, each marked whether weight decay applies (it never applies to
 * normalisation gains). Initial values are drawn in Java from {@link Random} seeded by the run's seed, in
 * declaration order, so initialisation does not depend on libtorch's generator and is identical on every run.
 */
public final class ParameterSet {
    /** One named parameter. */
    public record Entry(String name, NDArray array, boolean decay) {}

    private final NDManager manager;
    private final DataType dtype;
    private final Random rng;
    private final List<Entry> entries = new ArrayList<>();

    ParameterSet(NDManager manager, DataType dtype, long seed) {
        this.manager = manager;
        this.dtype = dtype;
        this.rng = new Random(seed);
    }

    public DataType dtype() {
        return dtype;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Entries with N(0, std^2) values (weights: decayed). */
    NDArray normal(String name, double std, long... shape) {
        double[] v = new double[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = std * rng.nextGaussian();
        return add(name, v, true, shape);
    }

    /** Entries uniform in [-bound, bound] (PyTorch's default for Linear/LSTM weights with bound 1/sqrt(fan)). */
    NDArray uniform(String name, double bound, long... shape) {
        double[] v = new double[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = bound * (2 * rng.nextDouble() - 1);
        return add(name, v, true, shape);
    }

    /** A normalisation gain initialised to 1: never weight-decayed. */
    NDArray gain(String name, long size) {
        double[] v = new double[(int) size];
        java.util.Arrays.fill(v, 1.0);
        return add(name, v, false, size);
    }

    private NDArray add(String name, double[] values, boolean decay, long... shape) {
        for (Entry e : entries) if (e.name.equals(name)) throw new IllegalStateException("duplicate parameter " + name);
        NDArray a = Tensors.create(manager, values, new Shape(shape), dtype);
        a.setRequiresGradient(true);
        entries.add(new Entry(name, a, decay));
        return a;
    }

    /** Total number of scalar parameters. */
    public long size() {
        long n = 0;
        for (Entry e : entries) n += e.array.size();
        return n;
    }
}
