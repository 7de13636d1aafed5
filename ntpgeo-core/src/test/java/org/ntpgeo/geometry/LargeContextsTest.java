package org.ntpgeo.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticClasses;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.linalg.Matrix;

/** m above the sampling and direct-Gram limits: the sampled / trace-identity paths agree with direct formulas. */
class LargeContextsTest {
    @Test
    void samplesContextsAndUsesTraceIdentities() {
        int m = GramGap.DIRECT_LIMIT + 52;
        // supports of 1-4 tokens over V=9 in 100 classes (they repeat, as in text)
        NtpDataset ds = SyntheticClasses.generate(9, m, 100, new SyntheticDatasets.Range(1, 4), new SyntheticDatasets.Range(1, 4), 0, 3).dataset();
        Matrix st = Fixtures.centeredSupport(ds);
        TheoryReference ref = TheoryReference.of(ds, st, -1, "S~");
        CheckpointAnalyzer an = new CheckpointAnalyzer(ref, 5);
        assertEquals(CheckpointAnalyzer.MAX_COSINE_CONTEXTS, an.contextSample().length);
        assertTrue(an.notes().stream().anyMatch(n -> n.contains("sample of " + CheckpointAnalyzer.MAX_COSINE_CONTEXTS)));
        assertTrue(an.notes().stream().anyMatch(n -> n.contains("trace identities")));
        // the sample is ordered by support class, without repeats
        int[] cls = ds.supportClasses();
        int[] smp = an.contextSample();
        for (int i = 1; i < smp.length; i++) assertTrue(cls[smp[i - 1]] < cls[smp[i]] || (cls[smp[i - 1]] == cls[smp[i]] && smp[i - 1] < smp[i]));

        Random rng = new Random(4);
        Matrix w = Matrix.gaussian(9, 5, 1, rng), h = Matrix.gaussian(5, m, 1, rng);
        CheckpointMetrics cm = an.analyze(new RunReader.Checkpoint(1, w, h, Fixtures.mul(w, h)), false);
        double direct = GramGap.direct(h, ref.lmmSvd().vFull(), ref.lmmSvd().s());
        assertEquals(direct, cm.get(Metric.GRAM_H_GAP), 1e-8);
        assertTrue(Double.isFinite(cm.get(Metric.SSIM_CONTEXTS)));
        // SSIM on the sample equals the definition applied to the sampled cosine matrices
        Matrix c = MatrixMetrics.columnCosines(h, smp);
        assertEquals(MatrixMetrics.structuralSimilarity(c, an.predictedContextCosines(true)), cm.get(Metric.SSIM_CONTEXTS), 1e-14);
    }
}
