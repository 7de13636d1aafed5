package org.ntpgeo.theory;

import java.nio.file.Path;
import java.util.Arrays;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.PythonNumpy;

/**
 * Test helper: an optimality proof for S~ computed by numpy from the supports alone, independent of the Java code.
 * NTP-SVM*'s dual: any Y with zero column sums, Y <= 0 off the supports and ||Y||_2 <= 1 gives the lower bound
 * sum over off-support (v, j) of -Y[v, j] on ||L||_* for every feasible L. With S~ = U S V^T and Y = A = U V^T
 * (Prop. 3) the bound equals ||S~||_*, so S~ is optimal whenever A <= 0 off the supports.
 *
 * @param nuclearNorm  ||S~||_* (numpy SVD)
 * @param dualValue    sum of -A over off-support entries
 * @param maxOffSupport largest off-support entry of A (must be < 0)
 * @param spectralNorm ||A||_2
 * @param maxColumnSum largest |column sum| of A
 */
public record NumpyDualCertificate(double nuclearNorm, double dualValue, double maxOffSupport, double spectralNorm, double maxColumnSum) {
    public static NumpyDualCertificate of(Path python, NtpDataset ds) throws Exception {
        StringBuilder sup = new StringBuilder("[");
        for (int j = 0; j < ds.contextCount(); j++) sup.append(j == 0 ? "" : ",").append(Arrays.toString(ds.support(j)));
        sup.append(']');
        String code = """
                import sys, json, numpy as np
                V = int(sys.argv[1]); sup = json.loads(sys.argv[2]); m = len(sup)
                S = np.zeros((V, m))
                for j, s in enumerate(sup): S[s, j] = 1
                St = S - S.mean(axis=0)
                U, s, Vt = np.linalg.svd(St, full_matrices=False)
                r = int(np.sum(s > 1e-10 * s[0]))
                A = U[:, :r] @ Vt[:r]
                off = S == 0
                print(json.dumps([float(s[:r].sum()), float(-A[off].sum()), float(A[off].max()), float(np.linalg.norm(A, 2)),
                                  float(np.abs(A.sum(axis=0)).max())]))
                """;
        String out = PythonNumpy.run(python, code, String.valueOf(ds.vocabSize()), sup.toString()).trim();
        double[] v = Arrays.stream(out.substring(1, out.length() - 1).split(",")).mapToDouble(x -> Double.parseDouble(x.trim())).toArray();
        return new NumpyDualCertificate(v[0], v[1], v[2], v[3], v[4]);
    }

    /** The dual point is feasible and its value equals ||S~||_* (so S~ solves NTP-SVM*). */
    public boolean provesOptimality() {
        return maxOffSupport < 0 && spectralNorm <= 1 + 1e-10 && maxColumnSum < 1e-10 && Math.abs(dualValue - nuclearNorm) <= 1e-10 * nuclearNorm;
    }
}
