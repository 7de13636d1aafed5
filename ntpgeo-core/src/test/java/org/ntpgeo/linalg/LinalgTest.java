package org.ntpgeo.linalg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinalgTest {
    @Test
    void gemmMatchesNaiveTripleLoop() {
        Random r = new Random(1);
        Matrix a = Matrix.gaussian(7, 5, 1, r), b = Matrix.gaussian(5, 4, 1, r);
        Matrix c = Blas.multiply(a, b);
        for (int i = 0; i < 7; i++) for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int k = 0; k < 5; k++) s += a.get(i, k) * b.get(k, j);
            assertEquals(s, c.get(i, j), 1e-12);
        }
        Matrix ct = Blas.multiply(b, true, a, true); // (AB)^T
        assertEquals(0, ct.minus(c.transpose()).maxAbs(), 1e-12);
    }

    @Test
    void gramIsSymmetricProduct() {
        Matrix a = Matrix.gaussian(6, 3, 1, new Random(2));
        assertEquals(0, Blas.gram(a, false).minus(Blas.multiply(a, false, a, true)).maxAbs(), 1e-12);
        assertEquals(0, Blas.gram(a, true).minus(Blas.multiply(a, true, a, false)).maxAbs(), 1e-12);
    }

    @Test
    void svdReconstructsAndIsOrthonormal() {
        for (int[] shape : new int[][] {{8, 5}, {5, 8}, {1, 1}}) {
            Matrix a = Matrix.gaussian(shape[0], shape[1], 1, new Random(3));
            Svd svd = Svd.of(a);
            assertEquals(0, svd.reconstruct(svd.s.length, x -> x).minus(a).maxAbs(), 1e-12);
            int r = svd.s.length;
            assertEquals(0, Blas.multiply(svd.u, true, svd.u, false).minus(Matrix.identity(r)).maxAbs(), 1e-12);
            assertEquals(0, Blas.multiply(svd.v, true, svd.v, false).minus(Matrix.identity(r)).maxAbs(), 1e-12);
            for (int i = 1; i < r; i++) assertTrue(svd.s[i - 1] >= svd.s[i]);
            assertArrayEquals(svd.s, Svd.values(a), 1e-12);
        }
    }

    @Test
    void nuclearNormOfRankOneIsProductOfNorms() {
        Matrix x = Matrix.fromRows(new double[][] {{3}, {4}}), y = Matrix.fromRows(new double[][] {{1, 2, 2}});
        assertEquals(15, Svd.of(Blas.multiply(x, y)).nuclearNorm(), 1e-12); // |x| |y| = 5 * 3
    }

    @Test
    void symmetricEigenOfKnownMatrix() {
        SymmetricEigen e = SymmetricEigen.of(Matrix.fromRows(new double[][] {{2, 1}, {1, 2}}));
        assertArrayEquals(new double[] {1, 3}, e.values, 1e-12);
    }

    @Test
    void svdRefusesNaN() {
        Matrix a = new Matrix(2, 2);
        a.set(0, 0, Double.NaN);
        assertThrows(ArithmeticException.class, () -> Svd.of(a));
    }
}
