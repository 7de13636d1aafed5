package org.ntpgeo.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ntpgeo.train.TrainingOptions;

/**
 * Regression tests for the NaN that appeared in about one test run out of eight: DJL tensors made from Java data
 * (and DJL's scalar arithmetic such as {@code loss.mul(3.0)}) point into direct ByteBuffers that can be freed by
 * the garbage collector while libtorch still uses them (autograd keeps the scalar for the backward pass). Each test
 * frees and poisons such memory at the dangerous moment ({@link NativeMemory}) and checks nothing changed.
 */
class NativeMemoryLifetimeTest {
    private static final Engine ENGINE = TorchRuntime.engine(1);

    /** d(sum(c x))/dx = c exactly, also when garbage is collected between forward and backward. */
    @Test
    void scalarFactorSurvivesGarbageCollectionBeforeBackward() {
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager m = ENGINE.newBaseManager()) {
                JniUtils.setGradMode(false);
                NDArray x = Tensors.create(m, new double[] {1, -2, 0.5}, new Shape(3), dtype);
                x.setRequiresGradient(true);
                try (GradientCollector c = ENGINE.newGradientCollector()) {
                    NDArray y = x.mul(Tensors.scalar(m, 3, dtype)).div(Tensors.scalar(m, 2, dtype)).sum();
                    NativeMemory.collectAndPoisonFreedBuffers();
                    c.backward(y);
                }
                assertArrayEquals(new double[] {1.5, 1.5, 1.5}, Tensors.toDoubles(x.getGradient()), dtype.toString());
            }
        }
    }

    /** A view of a created (or assigned) tensor keeps valid values after the tensor itself is closed. */
    @Test
    void createdAndAssignedTensorsOwnTheirMemory() {
        double[] values = {0.25, -1, 3, 7.5, 0.125, 2}; // exact in float32
        try (NDManager m = ENGINE.newBaseManager()) {
            JniUtils.setGradMode(false);
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray created = Tensors.create(m, values, new Shape(2, 3), dtype);
                NDArray assigned = Tensors.create(m, new double[6], new Shape(2, 3), dtype);
                Tensors.assign(assigned, values);
                NDArray createdView = created.reshape(6);
                NDArray assignedView = assigned.reshape(6);
                created.close();
                assigned.close();
                NativeMemory.collectAndPoisonFreedBuffers();
                assertArrayEquals(values, Tensors.toDoubles(createdView), "create " + dtype);
                assertArrayEquals(values, Tensors.toDoubles(assignedView), "assign " + dtype);
            }
            NDArray ids = Tensors.create(m, new long[] {4, 0, 9}, new Shape(3));
            NDArray idsView = ids.reshape(3, 1);
            ids.close();
            NativeMemory.collectAndPoisonFreedBuffers();
            assertArrayEquals(new long[] {4, 0, 9}, idsView.toLongArray());
        }
    }

    /**
     * The failing configurations (LSTM with mini-batches: loss scaled by m/|B|; transformer: scores divided by
     * sqrt(d/h)) train identically when garbage is collected between every forward and backward pass.
     */
    @Test
    void trainingIsUnaffectedByGarbageCollectionBeforeBackward() {
        Object[][] configs = {{"lstm", 3, false}, {"mlp", 3, false}, {"transformer", 0, true}};
        for (Object[] c : configs) {
            String kind = (String) c[0];
            int batch = (Integer) c[1];
            boolean rope = (Boolean) c[2];
            double[] plain = losses(kind, batch, rope, false);
            double[] collected = losses(kind, batch, rope, true);
            assertArrayEquals(plain, collected, kind);
        }
    }

    private static double[] losses(String kind, int batch, boolean rope, boolean collect) {
        TrainingOptions o = TinyData.options(kind, 8, "adam", 0.01, 1e-3, batch, false, 2, 2, rope);
        try (NeuralModel m = (NeuralModel) new NeuralModelProvider().create(NeuralModelTest.DATA, o)) {
            if (collect) m.setBeforeBackward(NativeMemory::collectAndPoisonFreedBuffers);
            double[] losses = new double[2];
            for (int e = 0; e < losses.length; e++) {
                m.trainEpoch(e, 0.01);
                losses[e] = m.loss();
            }
            return losses;
        }
    }
}
