package org.ntpgeo.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ntpgeo.train.TrainingOptions;

/**
 * Stress harness for same-seed reproducibility (disabled by default): repeats the run of
 * {@code NeuralModelTest.sameSeedGivesIdenticalLosses} many times in one JVM for every model kind in float32 and
 * float64, and counts NaN losses and runs that differ from the first run. Run with
 * {@code ./mvnw -B -o -pl ntpgeo-neural test -Dtest=SameSeedStressTest -Dntpgeo.stress=200}
 * (optionally {@code -Dntpgeo.stress.gc=true} to collect garbage between every forward and backward pass, or next
 * to a CPU hog); it prints one summary line per configuration and fails if any run differed.
 */
class SameSeedStressTest {
    private static final boolean GC = Boolean.getBoolean("ntpgeo.stress.gc");
    private static final Object[][] CONFIGS = {
        {"transformer", false}, {"transformer", true}, {"lstm", false}, {"mlp", false}};

    @Test
    @EnabledIfSystemProperty(named = "ntpgeo.stress", matches = "\\d+")
    void repeatedSameSeedRunsAgree() {
        int repeats = Integer.getInteger("ntpgeo.stress");
        int bad = 0;
        for (boolean f64 : new boolean[] {false, true}) {
            for (Object[] c : CONFIGS) {
                String kind = (String) c[0];
                boolean rope = (Boolean) c[1];
                double[] reference = run(kind, rope, f64);
                int nan = 0;
                int mismatch = 0;
                String firstBad = "";
                for (int r = 0; r < repeats; r++) {
                    double[] l = run(kind, rope, f64);
                    if (Arrays.stream(l).anyMatch(Double::isNaN)) nan++;
                    if (!Arrays.equals(reference, l)) {
                        mismatch++;
                        if (firstBad.isEmpty()) firstBad = " first bad run " + r + ": " + Arrays.toString(l);
                    }
                }
                System.out.printf("stress %-11s rope=%-5b %s: %d runs, %d NaN, %d differ from the first%s; ref %s%n",
                        kind, rope, f64 ? "float64" : "float32", repeats, nan, mismatch, firstBad,
                        Arrays.toString(reference));
                bad += mismatch + (Arrays.stream(reference).anyMatch(Double::isNaN) ? 1 : 0);
            }
        }
        assertEquals(0, bad, "runs that differed (see the stress lines above)");
    }

    private static double[] run(String kind, boolean rope, boolean f64) {
        TrainingOptions o = TinyData.options(kind, 8, "adam", 0.01, 1e-3, 3, f64, 2, 2, rope);
        try (NeuralModel m = (NeuralModel) new NeuralModelProvider().create(NeuralModelTest.DATA, o)) {
            // collect garbage and poison freed direct memory between each forward and backward pass
            if (GC) m.setBeforeBackward(NativeMemory::collectAndPoisonFreedBuffers);
            double[] losses = new double[6];
            for (int e = 0; e < losses.length; e++) {
                m.trainEpoch(e, 0.01);
                losses[e] = m.loss();
            }
            return losses;
        }
    }
}
