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

    @Test
    void workspacePathsAgreeWithThePlainOnes() {
        // 60 x 6000 has a Gram product with an inner split and a column-split gemm; 9 x 40 one block; 40 x 9 is tall
        for (int[] shape : new int[][] {{60, 3 * FixedBlockGemm.INNER_BLOCK + 17}, {9, 40}, {40, 9}}) {
            Matrix y = Matrix.gaussian(shape[0], shape[1], 1, new Random(shape[0]));
            Svd svd = Svd.of(y);
            double[][] results = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                try (BlockPool pool = new BlockPool(threads); GramWorkspace ws = new GramWorkspace(y.rows, y.cols, pool)) {
                    for (double tau : new double[] {0.1 * svd.s[0], 0.9 * svd.s[0]}) { // high and low surviving rank
                        Matrix expected = GramSvd.threshold(y, tau).x();
                        GramSvd.Thresholded viaWs = GramSvd.threshold(y, tau, new Matrix(y.rows, y.cols), ws);
                        assertEquals(0, viaWs.x().minus(expected).maxAbs(), 1e-10 * svd.s[0]);
                        int keep = 0;
                        for (double s : svd.s) if (s > tau) keep++;
                        assertEquals(0, viaWs.x().minus(svd.reconstruct(keep, s -> s - tau)).maxAbs(), 1e-9 * svd.s[0]);
                        if (tau < 0.5 * svd.s[0]) results[threads - 1] = viaWs.x().data.clone();
                    }
                    double norm = GramSvd.spectralNorm(y, ws);
                    // never below s_max (it scales certificates); rounded up by at most the documented guard of ~2 (k + n) eps
                    double guard = 8.0 * (y.rows + y.cols) * Math.ulp(1.0);
                    assertTrue(norm >= svd.s[0] && norm <= svd.s[0] * (1 + guard), norm + " vs " + svd.s[0]);
                    assertEquals(0, GramSvd.polar(y, 1e-6, ws).a().minus(svd.reconstruct(svd.s.length, s -> 1.0)).maxAbs(), 1e-9);
                }
            }
            assertArrayEquals(results[0], results[1], 0, "bit-identical for 1 and 2 threads");
        }
    }

    /** FixedBlockGemm.gram: A A^T from partial syrks over fixed pieces, A^T A in one call; against the plain syrk. */
    @Test
    void fixedBlockGramMatchesThePlainGram() {
        for (int[] shape : new int[][] {{13, 2 * FixedBlockGemm.INNER_BLOCK + 501}, {13, 300}, {300, 13}}) {
            Matrix a = Matrix.gaussian(shape[0], shape[1], 1, new Random(7));
            boolean trans = a.rows > a.cols;
            Matrix expected = Blas.gram(a, trans);
            double[][] got = new double[3][];
            for (int threads = 1; threads <= 3; threads++) {
                int n = expected.rows;
                try (BlockPool pool = new BlockPool(threads); FixedBlockGemm p = new FixedBlockGemm(pool);
                     NativeMatrix na = new NativeMatrix(a.rows, a.cols); NativeMatrix nc = new NativeMatrix(n, n)) {
                    na.copyFrom(a);
                    p.gram(na, trans, nc);
                    Matrix c = new Matrix(n, n);
                    nc.copyTo(c);
                    assertEquals(0, c.minus(expected).maxAbs(), 1e-12 * a.cols * (1 + expected.maxAbs()) / 100);
                    assertEquals(0, c.minus(c.transpose()).maxAbs(), 0, "both triangles");
                    got[threads - 1] = c.data;
                }
            }
            assertArrayEquals(got[0], got[1], 0);
            assertArrayEquals(got[0], got[2], 0);
        }
    }
}
