package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.AnalysisMemory;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.ReferenceLoader;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.report.CompareReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare several runs on one page: the geometry curves of every run overlaid, claims and final metrics side by side.",
                "L_mm is solved once per distinct dataset (or read with --svm when all runs share one dataset)."},
        footer = {"", "Example:", "  ./ntpgeo report compare run-ufm run-transformer run-lstm --out compare"})
public final class ReportCompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories written by 'ntpgeo train'.")
    List<Path> runs;

    @Option(names = "--svm", paramLabel = "DIR", description = "Output of 'ntpgeo solve svm' for the (shared) dataset.")
    Path svm;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--path-seconds", defaultValue = "120", paramLabel = "S",
            description = "Time limit per dataset for the regularisation path (default ${DEFAULT-VALUE} s; 0 = none).")
    double pathSeconds;

    @Override
    public Integer call() {
        output.refuseExisting();
        List<RunReader.TrainingRun> opened = new ArrayList<>();
        for (Path r : runs) opened.add(RunReader.open(r, null));
        if (pathSeconds < 0 || !Double.isFinite(pathSeconds)) throw new UserError("--path-seconds must be >= 0, got " + pathSeconds);
        Map<Path, TheoryReference> refs = new HashMap<>();
        Map<Path, PathReference> paths = new HashMap<>();
        if (svm != null && opened.stream().map(r -> r.dataDir().toAbsolutePath().normalize()).distinct().count() > 1) {
            throw new UserError("--svm needs all runs to use the same dataset; these runs use different ones");
        }
        List<RunAnalysis> analyses = new ArrayList<>();
        for (RunReader.TrainingRun r : opened) {
            Path key = r.dataDir().toAbsolutePath().normalize();
            TheoryReference ref = refs.get(key);
            if (ref == null) {
                NtpDataset ds = DatasetFiles.read(r.dataDir());
                List<RunReader.TrainingRun> sameData = opened.stream().filter(o -> o.dataDir().toAbsolutePath().normalize().equals(key)).toList();
                int dim = sameData.stream().mapToInt(o -> o.dim(ds.vocabSize())).max().orElse(ds.vocabSize());
                AnalysisMemory.estimate(ds, dim, svm == null, PathReference.lambdasForRuns(sameData, pathSeconds).length).check();
                ref = ReferenceLoader.load(ds, svm, new TerminalProgress(spec.commandLine().getErr(), true));
                refs.put(key, ref);
                paths.put(key, PathReference.forRuns(ds, ref.lmm(), sameData, pathSeconds, new TerminalProgress(spec.commandLine().getErr(), true)));
            }
            analyses.add(RunAnalysis.analyze(r, ref.dataset(), ref, paths.get(key), new TerminalProgress(spec.commandLine().getErr(), true)));
        }
        CompareReport.write(analyses, output.out, output.force);
        spec.commandLine().getOut().println("wrote " + output.out.resolve("index.html") + " (" + analyses.size() + " runs)");
        return 0;
    }
}
