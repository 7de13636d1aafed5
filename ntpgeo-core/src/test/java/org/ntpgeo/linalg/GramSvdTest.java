package org.ntpgeo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Gram-based spectral shortcuts against plain LAPACK SVDs. */
class GramSvdTest {
    @Test
    void gramShortcutsMatchLapack() {
        Random rng = new Random(12);
        for (int[] shape : new int[][] {{9, 40}, {40, 9}, {15, 20}}) {
            Matrix y = Matrix.gaussian(shape[0], shape[1], 1, rng);
            Svd svd = Svd.of(y);
            for (double tau : new double[] {0.3 * svd.s[svd.s.length - 1], 0.5 * svd.s[0], 2 * svd.s[0]}) {
                GramSvd.Thresholded sh = GramSvd.threshold(y, tau);
                int keep = 0;
                double nuc = 0;
                for (double s : svd.s) if (s > tau) {
                    keep++;
                    nuc += s - tau;
                }
                Matrix expected = keep == 0 ? new Matrix(y.rows, y.cols) : svd.reconstruct(keep, s -> s - tau);
                assertEquals(keep, sh.rank());
                assertEquals(nuc, sh.nuclearNorm(), 1e-10);
                assertEquals(0, sh.x().minus(expected).maxAbs(), 1e-10);
            }
            GramSvd.Polar p = GramSvd.polar(y, 1e-6);
            assertEquals(0, p.a().minus(svd.reconstruct(svd.s.length, s -> 1.0)).maxAbs(), 1e-10);
            double nuc = 0;
            for (double s : svd.s) nuc += s;
            assertEquals(nuc, p.nuclearNorm(), 1e-10);
            assertEquals(nuc, GramSvd.nuclearNorm(y), 1e-10);
            double norm = GramSvd.spectralNorm(y);
            assertTrue(norm >= svd.s[0] && norm <= svd.s[0] * (1 + 1e-12));
            assertArrayEquals(svd.s, GramSvd.of(y).singularValues(), 1e-10);
        }
    }

    @Test
    void largeMatricesUseTheGramPathWithLapackAccuracy() {
        // above the cut-off: singular values and nuclear norm from the Gram eigenvalues, compared with dgesdd
        Matrix y = Matrix.gaussian(8, (int) (GramSvd.DIRECT_SVD_MAX_CELLS / 8) + 3, 1, new Random(5));
        double[] lapack = Svd.values(y);
        double[] gram = GramSvd.singularValues(y);
        assertArrayEquals(lapack, gram, 1e-9 * lapack[0]);
        double nuc = 0;
        for (double s : lapack) nuc += s;
        assertEquals(nuc, GramSvd.nuclearNorm(y), 1e-10 * nuc);
    }
}
