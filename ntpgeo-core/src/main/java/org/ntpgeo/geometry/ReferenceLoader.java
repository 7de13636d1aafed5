package org.ntpgeo.geometry;

import org.ntpgeo.common.ProgressListener;
import java.nio.file.Path;
import java.util.Locale;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;

/** Obtains L_mm for a dataset: from a solver output directory ({@code --svm}) or by solving NTP-SVM* here. */
public final class ReferenceLoader {
    private ReferenceLoader() {}

    /** The theory references of {@code ds}; {@code svmDir} may be null (then L_mm is solved here). */
    public static TheoryReference load(NtpDataset ds, Path svmDir, ProgressListener progress) {
        SvmSolution sol;
        String origin;
        if (svmDir != null) {
            sol = SvmSolution.read(svmDir);
            origin = "read from " + svmDir.toAbsolutePath();
        } else {
            sol = NtpSvmSolver.solve(ds, SvmOptions.defaults().withProgress(progress));
            origin = "solved by NTP-SVM* for this report";
        }
        return TheoryReference.of(ds, classLevelLmm(sol), sol.rank(), describe(sol, origin));
    }

    /** L_mm of a solution at support-class level (never expanded to V x m). */
    public static ClassLevelMatrix classLevelLmm(SvmSolution sol) {
        return ClassLevelMatrix.of(sol.classLmm(), sol.contextClasses());
    }

    static String describe(SvmSolution sol, String origin) {
        StringBuilder b = new StringBuilder(origin).append(" (method ").append(sol.method());
        if (sol.certified()) b.append(", S~ proved optimal by the Prop. 3 certificate");
        if (Double.isFinite(sol.relativeDualityGap())) b.append(String.format(Locale.ROOT, ", relative duality gap %.2e", sol.relativeDualityGap()));
        if (!sol.converged()) b.append(", NOT CONVERGED: L_mm is approximate");
        return b.append(')').toString();
    }
}
