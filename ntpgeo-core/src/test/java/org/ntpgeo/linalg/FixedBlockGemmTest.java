package org.ntpgeo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FixedBlockGemmTest {
    /** C = alpha op(A) op(B) + beta C0 with the pool's threads; returns C's values. */
    private static double[] product(int threads, boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c0) {
        try (BlockPool pool = new BlockPool(threads); FixedBlockGemm gemm = new FixedBlockGemm(pool);
             NativeMatrix na = new NativeMatrix(a.rows, a.cols); NativeMatrix nb = new NativeMatrix(b.rows, b.cols);
             NativeMatrix nc = new NativeMatrix(c0.rows, c0.cols)) {
            na.copyFrom(a);
            nb.copyFrom(b);
            nc.copyFrom(c0);
            gemm.gemm(ta, tb, alpha, na, nb, beta, nc);
            Matrix c = new Matrix(c0.rows, c0.cols);
            nc.copyTo(c);
            return c.data;
        }
    }

    /** The shapes (m, n, k) and transposes that reach the column split (several blocks) and the inner split. */
    private static final int[][] CASES = {
        // m, n, k, transA, transB
        {37, 2 * FixedBlockGemm.COLUMN_BLOCK + 77, 29, 0, 0},   // L = W H: 3 column blocks
        {29, FixedBlockGemm.COLUMN_BLOCK + 5, 41, 1, 0},         // grad H = W^T G: 2 column blocks
        {23, 17, 3 * FixedBlockGemm.INNER_BLOCK + 301, 0, 1},    // grad W = G H^T: 4 inner pieces, partial sums
        {19, 13, 2 * FixedBlockGemm.INNER_BLOCK + 1, 1, 1},      // both transposed, inner split
        {7, 5, 3, 0, 0},                                         // one block
    };

    @Test
    void splitDependsOnlyOnTheShapes() {
        FixedBlockGemm.Split columns = FixedBlockGemm.Split.of(37, 2 * FixedBlockGemm.COLUMN_BLOCK + 77, 29);
        assertFalse(columns.inner());
        assertEquals(3, columns.blocks());
        FixedBlockGemm.Split inner = FixedBlockGemm.Split.of(23, 17, 3 * FixedBlockGemm.INNER_BLOCK + 301);
        assertTrue(inner.inner());
        assertEquals(4, inner.blocks());
        assertTrue(inner.blocks() * inner.size() >= 3 * FixedBlockGemm.INNER_BLOCK + 301);
        // a very long inner dimension is cut into at most MAX_INNER_BLOCKS pieces that cover it
        FixedBlockGemm.Split capped = FixedBlockGemm.Split.of(4, 4, 1_000_000);
        assertEquals(FixedBlockGemm.MAX_INNER_BLOCKS, capped.blocks());
        assertTrue((long) capped.blocks() * capped.size() >= 1_000_000);
        assertTrue((long) (capped.blocks() - 1) * capped.size() < 1_000_000);
    }

    /** Every case: bit-identical for 1, 2 and 3 threads, and equal to a naive float64 triple loop to rounding. */
    @Test
    void resultsAreBitIdenticalForAnyThreadCountAndMatchANaiveProduct() {
        Random rng = new Random(11);
        for (int[] cs : CASES) {
            int m = cs[0], n = cs[1], k = cs[2];
            boolean ta = cs[3] == 1, tb = cs[4] == 1;
            Matrix a = ta ? Matrix.gaussian(k, m, 1, rng) : Matrix.gaussian(m, k, 1, rng);
            Matrix b = tb ? Matrix.gaussian(n, k, 1, rng) : Matrix.gaussian(k, n, 1, rng);
            Matrix c0 = Matrix.gaussian(m, n, 1, rng);
            double alpha = 0.75, beta = 0.5;
            double[] one = product(1, ta, tb, alpha, a, b, beta, c0);
            assertArrayEquals(one, product(2, ta, tb, alpha, a, b, beta, c0), "2 threads, case " + m + "x" + n + "x" + k);
            assertArrayEquals(one, product(3, ta, tb, alpha, a, b, beta, c0), "3 threads, case " + m + "x" + n + "x" + k);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        double x = (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                        s += x;
                        abs += Math.abs(x);
                    }
                    double expected = alpha * s + beta * c0.get(i, j);
                    assertEquals(expected, one[i + j * m], 4e-16 * (k * alpha * abs + Math.abs(beta * c0.get(i, j))),
                            "entry (" + i + ", " + j + ") of " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresWhatCHeld() {
        Random rng = new Random(5);
        Matrix a = Matrix.gaussian(9, 3 * FixedBlockGemm.INNER_BLOCK, 1, rng);
        Matrix b = Matrix.gaussian(4, 3 * FixedBlockGemm.INNER_BLOCK, 1, rng);
        Matrix nan = new Matrix(9, 4);
        java.util.Arrays.fill(nan.data, Double.NaN);
        double[] c = product(2, false, true, 1, a, b, 0, nan);
        assertArrayEquals(Blas.multiply(a, false, b, true).data, c, 1e-9);
    }

    /**
     * OpenBLAS called from several Java threads at once with its thread count at 1 (what FixedBlockGemm does):
     * every concurrent result equals the same product computed alone, bit for bit.
     */
    @Test
    void openBlasIsSafeToCallConcurrentlyWithOneThread() throws Exception {
        Random rng = new Random(7);
        int tasks = 48;
        List<Matrix[]> inputs = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int m = 40 + rng.nextInt(120), n = 40 + rng.nextInt(120), k = 40 + rng.nextInt(300);
            inputs.add(new Matrix[] {Matrix.gaussian(m, k, 1, rng), Matrix.gaussian(k, n, 1, rng)});
        }
        try (BlasThreads single = BlasThreads.single()) {
            List<double[]> alone = new ArrayList<>();
            for (Matrix[] in : inputs) alone.add(Blas.multiply(in[0], in[1]).data);
            ExecutorService ex = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 5; round++) {
                    List<Future<double[]>> futures = new ArrayList<>();
                    for (Matrix[] in : inputs) futures.add(ex.submit(() -> Blas.multiply(in[0], in[1]).data));
                    for (int t = 0; t < tasks; t++) assertArrayEquals(alone.get(t), futures.get(t).get(), "task " + t + " round " + round);
                }
            } finally {
                ex.shutdown();
            }
        }
    }

    @Test
    void scopesRestoreTheOpenBlasThreadCount() {
        int before = NativeBlas.threads();
        try (BlasThreads three = BlasThreads.use(3)) {
            assertEquals(3, NativeBlas.threads());
            try (BlockPool pool = new BlockPool(2); FixedBlockGemm gemm = new FixedBlockGemm(pool)) {
                assertEquals(1, NativeBlas.threads());
            }
            assertEquals(3, NativeBlas.threads());
            // two single-thread holders closed out of order: OpenBLAS stays at 1 until the last one closes
            BlasThreads a = BlasThreads.single();
            BlasThreads b = BlasThreads.single();
            a.close();
            assertEquals(1, NativeBlas.threads());
            b.close();
            assertEquals(3, NativeBlas.threads());
        }
        assertEquals(before, NativeBlas.threads());
    }
}
