package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.AnalysisMemory;
import java.util.List;
import org.ntpgeo.common.UserError;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.ReferenceLoader;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.report.AnalysisReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a training run's geometry against the theory (L_in, S~, L_mm, the regularisation path) and write a report.",
                "The report goes into the --out directory: index.html, metrics.json, series.csv and figures/*.png|svg. The command",
                "prints the verdicts on claims C1-C4 (pass / trending / fail / n/a) with their baselines."},
        footer = {"", "Example:", "  ./ntpgeo analyze --run run --out report            # solves L_mm itself",
                "  ./ntpgeo analyze --run run --svm theory --out report   # reuse 'ntpgeo solve svm --out theory'"})
public final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory written by 'ntpgeo train'.")
    Path run;

    @Option(names = "--svm", paramLabel = "DIR", description = "Output of 'ntpgeo solve svm' (lmm.npy + svm.json); solved here when absent.")
    Path svm;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (default: the one named in RUN/run.json).")
    Path data;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--path-seconds", defaultValue = "120", paramLabel = "S",
            description = {"Time limit for the regularisation path the claims C1/C3 are judged against (default ${DEFAULT-VALUE} s;",
                    "0 = no path: C1/C3 of a weight-decayed UFM are then n/a)."})
    double pathSeconds;

    @Override
    public Integer call() {
        output.refuseExisting();
        RunReader.TrainingRun r = RunReader.open(run, data);
        NtpDataset ds = DatasetFiles.read(r.dataDir());
        if (pathSeconds < 0 || !Double.isFinite(pathSeconds)) throw new UserError("--path-seconds must be >= 0, got " + pathSeconds);
        AnalysisMemory.estimate(ds, r.dim(ds.vocabSize()), svm == null, PathReference.lambdasForRuns(List.of(r), pathSeconds).length).check();
        TheoryReference ref = ReferenceLoader.load(ds, svm, new TerminalProgress(spec.commandLine().getErr(), true));
        PathReference path = PathReference.forRuns(ds, ref.lmm(), List.of(r), pathSeconds, new TerminalProgress(spec.commandLine().getErr(), true));
        RunAnalysis a = RunAnalysis.analyze(r, ds, ref, path, new TerminalProgress(spec.commandLine().getErr(), true));
        AnalysisReport.write(a, output.out, output.force);
        spec.commandLine().getOut().println("wrote " + output.out.resolve("index.html") + " (" + a.series().size() + " checkpoints, "
                + String.format(java.util.Locale.ROOT, "%.1f", a.seconds()) + " s)");
        for (Claims.Claim c : a.claims()) {
            spec.commandLine().getOut().println("  " + c.id() + " " + c.verdict().text + ": " + c.measured());
            spec.commandLine().getOut().println("     baseline: " + c.baselineText());
        }
        return 0;
    }
}
