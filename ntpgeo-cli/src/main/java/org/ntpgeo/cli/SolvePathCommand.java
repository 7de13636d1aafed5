package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.theory.PathOptions;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.theory.PathResult;
import org.ntpgeo.theory.RegularizationPath;
import org.ntpgeo.theory.SolverMemory;
import org.ntpgeo.theory.SvmSolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "path", mixinStandardHelpOptions = true, description = {"Solve the nuclear-norm regularisation path",
        "min CE(L) + lambda ||L||_* for decreasing lambdas (warm-started accelerated proximal gradient).",
        "Writes OUT/path.csv (CE, CE-H, ||L||_*, direction gap to L_mm, ||P_F(L)-L_in||_F per lambda),",
        "OUT/lambda-K.npy (L_lambda, V x m) and OUT/path.json. Exit code 3 if some lambda hit the iteration cap."})
public final class SolvePathCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOption data;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--lambdas", defaultValue = "1e-1:1e-6:12",
            description = "HI:LO:N log-spaced (default ${DEFAULT-VALUE}) or a comma list.")
    String lambdas;

    @Option(names = "--svm", description = "Output directory of 'solve svm' to reuse L_mm (otherwise it is solved here).")
    Path svm;

    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "Stop a lambda when the proximal-gradient residual <= tolerance * lambda (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iterations", defaultValue = "20000", description = "Iteration cap per lambda (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--time-limit", defaultValue = "0", description = "Wall-clock cap in seconds, 0 = none.")
    double timeLimit;

    @Option(names = {"-v", "--verbose"}, description = "Print one line per lambda.")
    boolean verbose;

    @Override
    public Integer call() {
        double[] lams = RegularizationPath.parseLambdas(lambdas);
        if (!(tolerance > 0)) throw new UserError("--tolerance must be > 0");
        if (maxIterations < 1) throw new UserError("--max-iterations must be >= 1");
        output.refuseExisting();
        NtpDataset ds = data.read();
        SolverMemory.path(ds, lams.length, svm == null).check();
        PathOptions o = new PathOptions(tolerance, maxIterations, timeLimit, null, new TerminalProgress(spec.commandLine().getErr(), true), verbose);
        if (svm != null) {
            SvmSolution s = SvmSolution.read(svm);
            if (s.lmm().rows != ds.vocabSize() || s.lmm().cols != ds.contextCount()) {
                throw new UserError("--svm " + svm + " holds a " + s.lmm().rows + "x" + s.lmm().cols + " L_mm, the dataset is "
                        + ds.vocabSize() + "x" + ds.contextCount());
            }
            o = o.withLmm(s.lmm());
        }
        PathResult r = RegularizationPath.solve(ds, lams, o);
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(output.out, output.force)) {
            var options = o.toJson().put("lambdas", lambdas);
            Provenance prov = data.provenance("ntpgeo solve path").options(options);
            if (svm != null) prov.input("svm", svm, DatasetFiles.sha256(svm.resolve(SvmSolution.JSON_FILE)));
            r.write(dir.path(), prov);
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%-10s %12s %12s %10s %12s %12s %8s%n", "lambda", "CE-H", "||L||_*", "gap(L_mm)",
                "||P_F L-L_in||", "iterations", "ok");
        for (PathResult.Point p : r.points()) {
            spec.commandLine().getOut().printf(Locale.ROOT, "%-10.3e %12.4e %12.4f %10.4f %12.4e %12d %8s%n", p.lambda(), p.ceMinusEntropy(),
                    p.nuclearNorm(), p.directionGapLmm(), p.softLabelGap(), p.iterations(), p.converged() ? "yes" : "NO");
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "H = %.6f, %.1fs; wrote %s%n", r.entropy(), r.seconds(), output.out);
        if (r.points().size() < lams.length) {
            throw new Ntpgeo.ExitException(3, "time limit reached after " + r.points().size() + " of " + lams.length + " lambdas");
        }
        if (!r.allConverged()) {
            throw new Ntpgeo.ExitException(3, "some lambdas hit the iteration cap (column 'converged' of " + output.out.resolve("path.csv") + ")");
        }
        return 0;
    }
}
