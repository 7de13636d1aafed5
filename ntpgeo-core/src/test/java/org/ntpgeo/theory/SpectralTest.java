package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/** The Gram-based spectral shortcuts against plain LAPACK SVDs. */
class SpectralTest {
    @Test
    void gramShortcutsMatchLapack() {
        Spectral sp = new Spectral();
        Random rng = new Random(12);
        for (int[] shape : new int[][] {{9, 40}, {40, 9}, {15, 20}}) {
            Matrix y = Matrix.gaussian(shape[0], shape[1], 1, rng);
            Svd svd = Svd.of(y);
            for (double tau : new double[] {0.3 * svd.s[svd.s.length - 1], 0.5 * svd.s[0], 2 * svd.s[0]}) {
                Spectral.Shrunk sh = sp.shrink(y, tau);
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
            Spectral.Polar p = sp.polar(y, 1e-6);
            assertEquals(0, p.a().minus(ClosedForms.polarFactor(y)).maxAbs(), 1e-10);
            double nuc = 0;
            for (double s : svd.s) nuc += s;
            assertEquals(nuc, p.nuclearNorm(), 1e-10);
            assertEquals(nuc, sp.nuclearNorm(y), 1e-10);
            double norm = sp.spectralNorm(y);
            assertTrue(norm >= svd.s[0] && norm <= svd.s[0] * (1 + 1e-12));
        }
    }
}
