package org.ntpgeo.theory;

import org.junit.jupiter.api.Test;

class SvmScratchTest {
    @Test
    void scratch() {
        int v = Integer.getInteger("sv", 104), m = Integer.getInteger("sm", 404);
        var ds = SupportPatterns.random(v, m, 1, 8, 7);
        for (int rep = 0; rep < 2; rep++) {
        var sol = NtpSvmSolver.solve(ds, SvmOptions.defaults().withVerbose(Boolean.getBoolean("sverb")).withMaxIterations(Integer.getInteger("sit", 3000)));
        System.err.println(sol.toJson().toPrettyString());
        }
    }
}
