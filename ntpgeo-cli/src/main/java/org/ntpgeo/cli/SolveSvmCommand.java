package org.ntpgeo.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SolverMemory;
import org.ntpgeo.theory.SvmFormulation;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "svm", mixinStandardHelpOptions = true, description = {"Solve NTP-SVM* for L_mm, with a dual certificate.",
        "Solves on one column per support class (contexts with equal supports share their L_mm column) and writes",
        "OUT/classes.npz (context_class, class_size, lmm and dual at class level, V x C), OUT/svm.json, and the V x m",
        "OUT/lmm.npy and OUT/dual.npy when V*m <= 5e7 or with --full. See docs/THEORY-ENGINE.md.",
        "Exit code 3 when the gap or feasibility tolerance was not reached (the outputs are still written)."})
public final class SolveSvmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--formulation", defaultValue = "classes", paramLabel = "F",
            description = "classes (one column per support class, default) or full (one column per context: the original "
                    + "solver, same optimum, for comparison).")
    String formulation;

    @Option(names = "--full", description = "Also write the V x m lmm.npy and dual.npy when V*m exceeds 5e7.")
    boolean full;

    @Option(names = {"-v", "--verbose"}, description = "Print the convergence trace.")
    boolean verbose;

    @Override
    public Integer call() {
        if (!(tolerance > 0) || !(feasibility > 0)) throw new UserError("--tolerance and --feasibility must be > 0");
        if (maxIterations < 0) throw new UserError("--max-iterations must be >= 0");
        output.refuseExisting();
        // load the native BLAS (about a second of cold start) while the dataset is read
        Thread preload = new Thread(NativeBlas::threads, "blas-preload");
        preload.setDaemon(true);
        preload.start();
        NtpDataset ds = data.read();
        SvmFormulation f;
        try {
            f = SvmFormulation.parse(formulation);
        } catch (IllegalArgumentException e) {
            throw new UserError("--formulation: " + e.getMessage());
        }
        SolverMemory.svm(ds, f).check();
        SvmOptions options = SvmOptions.defaults().withGapTolerance(tolerance).withFeasibilityTolerance(feasibility)
                .withMaxIterations(maxIterations).withTimeLimit(timeLimit).withVerbose(verbose).withProgress(new TerminalProgress(spec.commandLine().getErr(), true)).withFormulation(f);
        SvmSolution s = NtpSvmSolver.solve(ds, options);
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(output.out, output.force)) {
            s.write(dir.path(), full || s.writesFullByDefault(), data.provenance("ntpgeo solve svm").options(options.toJson()));
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "L_mm: V=%d m=%d classes=%d (%.1fx fewer columns) ||L_mm||_*=%.10g rank=%d method=%s formulation=%s%n",
                s.vocabSize(), s.contextCount(), s.classCount(), (double) s.contextCount() / Math.max(1, s.classCount()),
                s.nuclearNorm(), s.rank(), s.method(), s.formulation());
        spec.commandLine().getOut().printf(Locale.ROOT, "certificate: dual objective %.10g, relative gap %.2e, violation %.1e, %d iterations, %.2fs (SVD %.0f%%)%n",
                s.dualObjective(), s.relativeDualityGap(), Math.max(s.equalitySpread(), s.marginShortfall()), s.iterations(),
                s.seconds(), s.seconds() > 0 ? 100 * s.svdSeconds() / s.seconds() : 0);
        spec.commandLine().getOut().println("wrote " + output.out);
        if (!s.converged()) {
            throw new Ntpgeo.ExitException(3, String.format(Locale.ROOT,
                    "NTP-SVM* did not converge: relative gap %.3e (tolerance %.1e), violation %.1e after %d iterations; see %s",
                    s.relativeDualityGap(), tolerance, Math.max(s.equalitySpread(), s.marginShortfall()), s.iterations(),
                    output.out.resolve(SvmSolution.JSON_FILE)));
        }
        return 0;
    }
}
