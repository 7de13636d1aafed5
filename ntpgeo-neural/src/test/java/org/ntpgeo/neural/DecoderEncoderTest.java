package org.ntpgeo.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transformer's shortcut (the last block computed only where h_j needs it: keys and values at every position,
 * everything else at the last one) gives the same h_j as every block computed at every position, with and without
 * RoPE, autograd on and off. A shortcut that dropped a position the last query attends to, mixed up the heads or
 * rotated the last query with another position's angle would differ by far more than the tolerance.
 */
class DecoderEncoderTest {
    @ParameterizedTest
    @CsvSource({"1, false, float64", "3, false, float64", "3, true, float64", "2, true, float32", "2, false, float32"})
    void lastBlockAtTheLastPositionEqualsTheFullComputation(int layers, boolean rope, String dtype) {
        DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
        double tolerance = type == DataType.FLOAT64 ? 1e-12 : 2e-5;
        int vocab = 13, width = 5, d = 16, heads = 4, batch = 7;
        try (NDManager manager = TorchRuntime.engine(1).newBaseManager()) {
            ParameterSet p = new ParameterSet(manager, type, 11);
            DecoderEncoder encoder = new DecoderEncoder(p, manager, vocab, width, d, layers, heads, rope);
            // larger weights than the 0.02 initialisation, so attention is far from uniform and every term matters
            for (ParameterSet.Entry e : p.entries()) {
                double[] v = Tensors.toDoubles(e.array());
                for (int i = 0; i < v.length; i++) v[i] *= e.decay() ? 20 : 1 + 0.1 * i % 3;
                Tensors.assign(e.array(), v);
            }
            Random rng = new Random(5);
            long[] tokens = new long[batch * width];
            for (int i = 0; i < tokens.length; i++) tokens[i] = rng.nextInt(vocab);
            for (boolean autograd : new boolean[] {false, true}) {
                JniUtils.setGradMode(autograd);
                try {
                    NDArray ids = Tensors.create(manager, tokens, new Shape(batch, width));
                    double[] full = Tensors.toDoubles(encoder.encode(ids, false));
                    double[] shortcut = Tensors.toDoubles(encoder.encode(ids, true));
                    assertEquals(batch * d, shortcut.length);
                    double spread = 0;
                    for (int i = 0; i < full.length; i++) {
                        assertEquals(full[i], shortcut[i], tolerance, "layers=" + layers + " rope=" + rope + " [" + i + "]");
                        spread = Math.max(spread, Math.abs(full[i] - full[i % d]));
                    }
                    assertTrue(spread > 0.1, "contexts give different h_j (the comparison is not vacuous)");
                } finally {
                    JniUtils.setGradMode(false);
                }
            }
        }
    }
}
