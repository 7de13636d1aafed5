package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.reproduce.ModelRun;
import org.ntpgeo.reproduce.RunSettings;
import org.ntpgeo.reproduce.Scale;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.Trainer;

/**
 * The controls of the claims (they must stay green forever): a trained weight-decayed UFM on class-structured data
 * passes, and untrained, isotropic and shuffled-column runs do not. Everything goes through run directories and
 * {@link RunAnalysis}, the library path of {@code ntpgeo analyze}, with the regularisation path solved as there.
 */
class ClaimControlsTest {
    @TempDir
    static Path tmp;
    static NtpDataset ds;
    static Path data, trained;
    static TheoryReference ref;
    static final double LAMBDA = 1e-4;

    /** 5 support classes of 3 contexts with different next-token distributions, plus 2 single contexts. */
    static final int[][] SUPPORTS = {{0, 1}, {1, 2, 3}, {4, 5}, {0, 5, 6}, {7, 8, 9}};

    @BeforeAll
    static void trainUfm() throws Exception {
        ds = SubspaceCollapseTest.classes(10, SUPPORTS, 3, new int[][] {{2}, {3, 9}}, 21);
        data = Fixtures.writeDataset(tmp.resolve("data"), ds);
        trained = tmp.resolve("ufm");
        new Trainer().train(data, ModelRun.ufm(16, 10000, OptimizerKind.ADAM, 0.02, LAMBDA, LrSchedule.cosine(),
                RunSettings.of(Scale.TEST, null, ProgressListener.NONE)).log(LogSchedule.logSpaced()).build(), trained);
        ref = ReferenceLoader.load(ds, null, ProgressListener.NONE);
    }

    static RunAnalysis analyze(Path run) {
        RunReader.TrainingRun r = RunReader.open(run, null);
        return RunAnalysis.analyze(r, ds, ref, PathReference.forRuns(ds, ref.lmm(), List.of(r), 120, ProgressListener.NONE), ProgressListener.NONE);
    }

    static Claims.Claim claim(RunAnalysis a, String id) {
        return a.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void trainedWeightDecayedUfmPassesEveryClaim() {
        RunAnalysis a = analyze(trained);
        assertEquals(LAMBDA, a.context().ufmLambda().orElseThrow());
        for (Claims.Claim c : a.claims()) assertEquals(Claims.Verdict.PASS, c.verdict(), c.id() + ": " + c.measured());
        // C1/C3 were judged against the run's own L_lambda (on the path), C4 against its null
        assertTrue(claim(a, "C1").baseline().containsKey("on_path_limit"));
        assertEquals(5, (int) a.last().get(Metric.COLLAPSE_CLASSES));
        assertTrue(a.last().get(Metric.COLLAPSE_COS) > 0.99);
    }

    @Test
    void untrainedCheckpointPassesNoClaim() {
        for (boolean objective : new boolean[] {true, false}) {
            Path run = tmp.resolve("untrained-" + objective);
            ControlRuns.writeUntrained(run, data, ds, 16, 0.1, objective ? ControlRuns.ufmOptions("adam", LAMBDA) : null, 3);
            RunAnalysis a = analyze(run);
            assertEquals(objective, a.context().ufmLambda().isPresent());
            for (Claims.Claim c : a.claims()) {
                assertNotEquals(Claims.Verdict.PASS, c.verdict(), c.id() + ": " + c.measured());
                assertNotEquals(Claims.Verdict.TRENDING, c.verdict(), c.id() + ": " + c.measured());
            }
        }
    }

    @Test
    void isotropicFakeDoesNotPassC4() {
        Path run = tmp.resolve("isotropic");
        ControlRuns.writeIsotropic(run, data, ds, 16, 0.15, 4);
        RunAnalysis a = analyze(run);
        assertTrue(a.last().get(Metric.COLLAPSE_COS_RAW) > 0.9, "the common vector fools raw cosines: " + a.last().get(Metric.COLLAPSE_COS_RAW));
        assertEquals(Claims.Verdict.FAIL, claim(a, "C4").verdict(), claim(a, "C4").measured());
    }

    @Test
    void trainedEmbeddingsWithShuffledColumnsDoNotPassC4() {
        Path run = tmp.resolve("shuffled");
        ControlRuns.writeShuffledColumns(trained, run, 5);
        RunAnalysis a = analyze(run);
        assertEquals(Claims.Verdict.FAIL, claim(a, "C4").verdict(), claim(a, "C4").measured());
    }

    // ---- every n/a path of Claims ----

    @Test
    void divergedCheckpointMakesEveryClaimNotApplicable() throws Exception {
        Path run = Fixtures.newRun(tmp.resolve("diverged"), data, "ufm");
        Random rng = new Random(1);
        Matrix w = Matrix.gaussian(10, 4, 1, rng), h = Matrix.gaussian(4, ds.contextCount(), 1, rng);
        Fixtures.writeCheckpoint(run, 0, w, h, Fixtures.mul(w, h));
        h.set(0, 0, Double.NaN);
        Fixtures.writeCheckpoint(run, 5, w, h, Fixtures.mul(w, h));
        for (Claims.Claim c : analyze(run).claims()) {
            assertEquals(Claims.Verdict.NA, c.verdict(), c.id());
            assertTrue(Double.isNaN(c.value()));
        }
    }

    @Test
    void logitsOnlyMakeC3AndC4NotApplicable() throws Exception {
        Path run = Fixtures.newRun(tmp.resolve("logits-only"), data, "ufm");
        Matrix l = Matrix.gaussian(10, ds.contextCount(), 1, new Random(2));
        Fixtures.writeCheckpoint(run, 3, null, null, l);
        RunAnalysis a = analyze(run);
        assertEquals(Claims.Verdict.FAIL, claim(a, "C1").verdict());
        assertEquals(Claims.Verdict.FAIL, claim(a, "C2").verdict());
        for (String id : List.of("C3", "C4")) {
            assertEquals(Claims.Verdict.NA, claim(a, id).verdict());
            assertTrue(claim(a, id).measured().contains("checkpoint has no W and H"), claim(a, id).measured());
        }
    }

    @Test
    void logitsThatAreLinPlusConstantsMakeC1NotApplicable() throws Exception {
        // Lc = L_in: Lc - L_in = 0 has no direction
        Path run = Fixtures.newRun(tmp.resolve("lin"), data, "ufm");
        Matrix l = Fixtures.lin(ds);
        for (int j = 0; j < l.cols; j++) for (int i = 0; i < l.rows; i++) l.add(i, j, 0.5 * j);
        Fixtures.writeCheckpoint(run, 3, null, null, l);
        Claims.Claim c1 = claim(analyze(run), "C1");
        assertEquals(Claims.Verdict.NA, c1.verdict());
        assertTrue(c1.measured().contains("Lc - L_in = 0"), c1.measured());
    }

    @Test
    void fewerThanThreeRepeatedSupportsMakeC4NotApplicable() throws Exception {
        NtpDataset two = SubspaceCollapseTest.classes(6, new int[][] {{0, 1}, {2, 3}}, 2, new int[][] {{4}}, 1);
        Path d2 = Fixtures.writeDataset(tmp.resolve("data-two"), two);
        Path run = tmp.resolve("two-classes");
        ControlRuns.writeUntrained(run, d2, two, 4, 1, null, 1);
        RunReader.TrainingRun r = RunReader.open(run, null);
        RunAnalysis a = RunAnalysis.analyze(r, two, TheoryReference.of(two, Fixtures.centeredSupport(two), -1, "S~"), ProgressListener.NONE);
        Claims.Claim c4 = claim(a, "C4");
        assertEquals(Claims.Verdict.NA, c4.verdict());
        assertTrue(c4.measured().contains("only 2 support classes have two or more contexts"), c4.measured());
    }

    @Test
    void embeddingsWithNothingOffTsMakeC4NotApplicable() {
        // d = 1 and supports of size >= 2: T_S is the whole space, every projection is zero
        Path run = tmp.resolve("d1");
        ControlRuns.writeUntrained(run, data, ds, 1, 1, null, 2);
        Claims.Claim c4 = claim(RunAnalysis.analyze(RunReader.open(run, null), ds, ref, ProgressListener.NONE), "C4");
        assertEquals(Claims.Verdict.NA, c4.verdict());
        assertTrue(c4.measured().contains("non-zero off T_S"), c4.measured());
    }

    @Test
    void weightDecayedUfmWithoutItsLLambdaIsNotApplicableOnC1AndC3() {
        RunReader.TrainingRun r = RunReader.open(trained, null);
        // no path at all
        RunAnalysis none = RunAnalysis.analyze(r, ds, ref, ProgressListener.NONE);
        // a path that lacks the neighbours of the run's lambda
        RunAnalysis partial = RunAnalysis.analyze(r, ds, ref, PathReference.solve(ds, ref.lmm(), new double[] {1e-2, LAMBDA}, 0, ProgressListener.NONE), ProgressListener.NONE);
        for (RunAnalysis a : List.of(none, partial)) {
            for (String id : List.of("C1", "C3")) {
                assertEquals(Claims.Verdict.NA, claim(a, id).verdict(), claim(a, id).measured());
                assertTrue(claim(a, id).measured().contains("L_lambda for this run is unavailable"), claim(a, id).measured());
            }
            assertEquals(Claims.Verdict.PASS, claim(a, "C4").verdict());
        }
        assertTrue(claim(partial, "C1").measured().contains("neighbours"), claim(partial, "C1").measured());
    }
}
