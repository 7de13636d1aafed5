package org.ntpgeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.UserError;

class SchedulesAndOptimizersTest {
    @Test
    void logScheduleIsOneTwoFivePlusTheLastEpoch() {
        assertEquals(List.of(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1234), LogSchedule.logSpaced().epochs(1234));
        assertEquals(List.of(0, 3, 6, 9, 10), LogSchedule.parse("3").epochs(10));
        assertEquals(List.of(0), LogSchedule.logSpaced().epochs(0));
        assertThrows(UserError.class, () -> LogSchedule.parse("0"));
        assertThrows(UserError.class, () -> LogSchedule.parse("often"));
    }

    @Test
    void learningRateSchedules() {
        assertEquals(0.3, LrSchedule.parse("constant").rate(0.3, 77, 100));
        LrSchedule step = LrSchedule.parse("step:10,20:0.5");
        assertEquals(1.0, step.rate(1, 9, 30));
        assertEquals(0.5, step.rate(1, 10, 30));
        assertEquals(0.25, step.rate(1, 25, 30));
        assertEquals(0.1, LrSchedule.parse("step:5").rate(1, 5, 30), 1e-15);
        LrSchedule cos = LrSchedule.parse("cosine");
        assertEquals(2.0, cos.rate(2, 0, 100));
        assertEquals(1.0, cos.rate(2, 50, 100), 1e-15);
        assertEquals(0.0, cos.rate(2, 100, 100), 1e-15);
        assertThrows(UserError.class, () -> LrSchedule.parse("step:"));
        assertThrows(UserError.class, () -> LrSchedule.parse("step:a,b"));
        assertThrows(UserError.class, () -> LrSchedule.parse("linear"));
    }

    /** Linear warm-up (r (e+1)/W for e < W), then the schedule; a cosine after it spans the remaining N - W epochs. */
    @Test
    void warmupSchedules() {
        LrSchedule w = LrSchedule.parse("warmup:4");
        assertEquals("warmup:4", w.toString());
        assertEquals(4, w.warmup());
        assertEquals(0.25, w.rate(1, 0, 100), 1e-15);
        assertEquals(0.75, w.rate(1, 2, 100), 1e-15);
        assertEquals(1.0, w.rate(1, 3, 100), 1e-15);
        assertEquals(1.0, w.rate(1, 99, 100), 1e-15);
        assertEquals(w, LrSchedule.parse("WarmUp:4+constant"));
        LrSchedule wc = LrSchedule.parse("warmup:10+cosine");
        assertEquals("warmup:10+cosine", wc.toString());
        assertEquals(LrSchedule.cosine().withWarmup(10), wc);
        assertEquals(0.2, wc.rate(2, 0, 110), 1e-15);
        assertEquals(2.0, wc.rate(2, 10, 110), 1e-15);           // the warm-up ends at the full rate
        assertEquals(1.0, wc.rate(2, 60, 110), 1e-15);           // half-way through the remaining 100 epochs
        assertEquals(2 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), wc.rate(2, 35, 110), 1e-15);
        assertEquals(true, wc.dependsOnLength());
        assertEquals(false, w.dependsOnLength());
        LrSchedule ws = LrSchedule.parse("warmup:5+step:20:0.5");
        assertEquals(0.2, ws.rate(1, 0, 50), 1e-15);
        assertEquals(1.0, ws.rate(1, 19, 50), 1e-15);
        assertEquals(0.5, ws.rate(1, 20, 50), 1e-15);            // milestones stay absolute epochs
        assertEquals(LrSchedule.cosine(), wc.withWarmup(0));
        for (String bad : List.of("warmup:", "warmup:0", "warmup:-3+cosine", "warmup:x", "warmup:5+linear", "warmup:5+warmup:3")) {
            assertThrows(UserError.class, () -> LrSchedule.parse(bad), bad);
        }
    }

    @Test
    void normalisedGradientDescentStepsExactlyTheLearningRate() {
        double[] a = {1, 2}, b = {3};
        double[] ga = {3, 0}, gb = {4};
        Optimizer.create(OptimizerKind.NGD, 0, 2, 1).step(0.5, new double[][] {a, b}, new double[][] {ga, gb});
        assertArrayEquals(new double[] {1 - 0.5 * 3 / 5, 2}, a, 1e-15);
        assertArrayEquals(new double[] {3 - 0.5 * 4 / 5}, b, 1e-15);
    }

    @Test
    void firstAdamStepMovesEachCoordinateByTheLearningRateAgainstTheGradientSign() {
        double[] p = {1, 1, 1};
        Optimizer adam = Optimizer.create(OptimizerKind.ADAM, 0, 3);
        adam.step(0.01, new double[][] {p}, new double[][] {{2, -1e-3, 0}});
        // bias-corrected m/sqrt(v) = g/|g| on the first step (eps shifts it by < 1e-4 relative for |g| >= 1e-3)
        assertEquals(0.99, p[0], 1e-9);
        assertEquals(1.01, p[1], 1e-6);
        assertEquals(1.0, p[2], 0);
    }

    @Test
    void adamwDecaysDecoupledBeforeTheAdamStep() {
        double[] p = {2};
        Optimizer.create(OptimizerKind.ADAMW, 0.1, 1).step(0.5, new double[][] {p}, new double[][] {{0}});
        assertEquals(2 * (1 - 0.5 * 0.1), p[0], 1e-15);
        double[] q = {2};
        Optimizer.create(OptimizerKind.ADAM, 0.1, 1).step(0.5, new double[][] {q}, new double[][] {{0}});
        assertEquals(2, q[0], 0, "adam leaves the decay to the gradient (coupled)");
    }
}
