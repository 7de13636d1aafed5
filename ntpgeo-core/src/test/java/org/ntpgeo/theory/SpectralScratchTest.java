package org.ntpgeo.theory;

import org.junit.jupiter.api.Test;
import org.ntpgeo.linalg.*;

class SpectralScratchTest {
    @Test
    void scratch() {
        var y = Matrix.gaussian(104, 404, 1, new java.util.Random(1));
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            for (int i = 0; i < 50; i++) Blas.gram(y, false);
            long t1 = System.nanoTime();
            var g = Blas.gram(y, false);
            for (int i = 0; i < 50; i++) SymmetricEigen.of(g);
            long t2 = System.nanoTime();
            for (int i = 0; i < 50; i++) Svd.values(y);
            long t3 = System.nanoTime();
            for (int i = 0; i < 50; i++) Svd.of(y);
            long t4 = System.nanoTime();
            var q = Matrix.gaussian(104, 100, 1, new java.util.Random(1));
            for (int i = 0; i < 50; i++) Blas.multiply(q, true, y, false);
            long t5 = System.nanoTime();
            System.err.printf("gram %.2f ms eig %.2f ms svdvals %.2f ms svd %.2f gemm %.2f%n", (t1-t)/5e7, (t2-t1)/5e7, (t3-t2)/5e7, (t4-t3)/5e7, (t5-t4)/5e7);
        }
    }
}
