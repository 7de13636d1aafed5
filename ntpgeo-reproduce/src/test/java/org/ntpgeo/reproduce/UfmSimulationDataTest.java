package org.ntpgeo.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.ClosedForms;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;

class UfmSimulationDataTest {
    final NtpDataset ds = UfmSimulationData.dataset();

    @Test
    void shapeAndEqualContextFrequencies() {
        assertEquals(10, ds.vocabSize());
        assertEquals(95, ds.contextCount());
        for (int j = 0; j < 95; j++) assertEquals(1.0 / 95, ds.pi(j), 1e-15);
        // 45 pair classes of two contexts each + 5 singletons
        assertEquals(50, ds.supportClassCount());
        // the two contexts of a pair class have different next-token distributions
        assertEquals(ds.supportClasses()[0], ds.supportClasses()[1]);
        assertNotEquals(ds.probability(0, ds.start(0)), ds.probability(1, ds.start(1)));
        // H by hand: 90 contexts with p = (1/4, 3/4), 5 with p = 1
        double h2 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertEquals(90.0 / 95 * h2, ds.entropy(), 1e-12);
    }

    @Test
    void centeredSupportIsFeasibleWithUnitMargin() {
        // S~[z, j] = 1 - k_j/V on S_j and -k_j/V elsewhere, built here by hand
        Matrix st = ClosedForms.centeredSupport(ds);
        for (int j = 0; j < 95; j++) {
            int k = ds.supportSize(j);
            boolean[] in = new boolean[10];
            for (int z : ds.support(j)) in[z] = true;
            for (int z = 0; z < 10; z++) {
                double expected = (in[z] ? 1.0 : 0.0) - k / 10.0;
                assertEquals(expected, st.get(z, j), 1e-12);
            }
            double minIn = Double.POSITIVE_INFINITY, maxIn = Double.NEGATIVE_INFINITY, maxOut = Double.NEGATIVE_INFINITY;
            for (int z = 0; z < 10; z++) {
                if (in[z]) {
                    minIn = Math.min(minIn, st.get(z, j));
                    maxIn = Math.max(maxIn, st.get(z, j));
                } else {
                    maxOut = Math.max(maxOut, st.get(z, j));
                }
            }
            assertEquals(0.0, maxIn - minIn, 1e-12, "equal in-support logits");
            assertTrue(minIn - maxOut >= 1 - 1e-12, "unit margin");
        }
    }

    /**
     * The Java certificate and solver against an independent optimality proof: numpy computes A = U V^T of S~ from
     * the supports, checks that it is a feasible dual point (zero column sums, <= 0 off the supports, ||A||_2 <= 1)
     * whose value equals ||S~||_*; then L_mm = S~ and the solver's nuclear norm must equal numpy's.
     */
    @Test
    void certificateHoldsAndAnIndependentDualProvesStildeOptimal() throws Exception {
        ClosedForms.Certificate c = ClosedForms.certificate(ds);
        assertTrue(c.holds(), "max off-support entry of A = " + c.maxOffSupportA());
        java.nio.file.Path python = org.ntpgeo.io.PythonNumpy.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 with numpy");
        org.ntpgeo.theory.NumpyDualCertificate cert = org.ntpgeo.theory.NumpyDualCertificate.of(python, ds);
        assertTrue(cert.provesOptimality(), cert.toString());
        assertTrue(cert.maxOffSupport() < -0.01, "certificate holds with a clear margin: " + cert.maxOffSupport());
        assertEquals(cert.maxOffSupport(), c.maxOffSupportA(), 1e-10);
        SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults());
        assertEquals(cert.nuclearNorm(), s.nuclearNorm(), 1e-9 * cert.nuclearNorm());
        assertEquals(cert.nuclearNorm(), c.nuclearNorm(), 1e-9 * cert.nuclearNorm());
    }
}
