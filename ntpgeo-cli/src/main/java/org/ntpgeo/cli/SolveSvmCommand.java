package org.ntpgeo.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SolverMemory;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "svm", mixinStandardHelpOptions = true, description = {"Solve NTP-SVM* for L_mm, with a dual certificate.",
        "Writes OUT/lmm.npy (V x m float64), OUT/dual.npy (the certificate Lambda) and OUT/svm.json.",
        "Exit code 3 when the gap or feasibility tolerance was not reached (the outputs are still written)."})
public final class SolveSvmCommand implements Callable<Integer> {
    @Mixin
    DatasetOption data;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to certify (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--feasibility", defaultValue = "1e-7", description = "Largest primal constraint violation (default ${DEFAULT-VALUE}).")
    double feasibility;

    @Option(names = "--max-iterations", defaultValue = "20000", description = "ADMM iteration cap (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--time-limit", defaultValue = "0", description = "Wall-clock cap in seconds, 0 = none.")
    double timeLimit;

    @Option(names = {"-v", "--verbose"}, description = "Print the convergence trace.")
    boolean verbose;

    @Override
    public Integer call() {
        if (!(tolerance > 0) || !(feasibility > 0)) throw new UserError("--tolerance and --feasibility must be > 0");
        if (maxIterations < 0) throw new UserError("--max-iterations must be >= 0");
        output.refuseExisting();
        NtpDataset ds = data.read();
        SolverMemory.svm(ds).check();
        SvmOptions options = new SvmOptions(tolerance, feasibility, maxIterations, timeLimit, verbose, true);
        SvmSolution s = NtpSvmSolver.solve(ds, options);
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(output.out, output.force)) {
            s.write(dir.path());
            dir.commit();
        }
        System.out.printf(Locale.ROOT, "L_mm: V=%d m=%d ||L_mm||_*=%.10g rank=%d method=%s%n", s.lmm().rows, s.lmm().cols,
                s.nuclearNorm(), s.rank(), s.method());
        System.out.printf(Locale.ROOT, "certificate: dual objective %.10g, relative gap %.2e, violation %.1e, %d iterations, %.2fs (SVD %.0f%%)%n",
                s.dualObjective(), s.relativeDualityGap(), Math.max(s.equalitySpread(), s.marginShortfall()), s.iterations(),
                s.seconds(), s.seconds() > 0 ? 100 * s.svdSeconds() / s.seconds() : 0);
        System.out.println("wrote " + output.out);
        if (!s.converged()) {
            throw new Ntpgeo.ExitException(3, String.format(Locale.ROOT,
                    "NTP-SVM* did not converge: relative gap %.3e (tolerance %.1e), violation %.1e after %d iterations; see %s",
                    s.relativeDualityGap(), tolerance, Math.max(s.equalitySpread(), s.marginShortfall()), s.iterations(),
                    output.out.resolve(SvmSolution.JSON_FILE)));
        }
        return 0;
    }
}
