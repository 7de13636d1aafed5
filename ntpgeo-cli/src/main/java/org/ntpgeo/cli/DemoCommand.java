package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntpgeo.reproduce.CorpusFile;
import org.ntpgeo.reproduce.Experiments;
import org.ntpgeo.reproduce.Reproduction;
import org.ntpgeo.reproduce.RunSettings;
import org.ntpgeo.reproduce.Scale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the showcase in a few minutes: the paper's synthetic experiment and UFM simulation, with reports.",
                "With --corpus, a simplified TinyStories run on that text is added. Each experiment solves NTP-SVM* and the",
                "regularisation path, trains, analyses and writes reports; the command prints the path of the index page. A",
                "previous demo output is replaced (atomically, at the end). Exit codes as for 'reproduce'."},
        footer = {"", "Examples:", "  ./ntpgeo demo", "  ./ntpgeo demo --corpus \"$STORIES\"      # any UTF-8 text, e.g. TinyStories (README)"})
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "FILE", description = "Also run simplified TinyStories on this text.")
    Path corpus;

    @Option(names = "--out", defaultValue = "ntpgeo-out/demo", paramLabel = "DIR", description = "Output directory, replaced if it exists (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bars or step messages.")
    boolean noProgress;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>(List.of("synthetic", "ufm-simulation"));
        if (corpus != null) {
            CorpusFile.check(corpus);
            names.add("simplified-tinystories");
        }
        RunSettings s = new RunSettings(Scale.DEMO, corpus, TerminalProgress.orNone(!noProgress, spec.commandLine().getErr()), Runtime.getRuntime().availableProcessors(), 0L);
        List<String> notes = List.of("Demo scale: the UFM trains to convergence; the transformer and LSTM train only briefly. "
                + "Run 'ntpgeo reproduce all' for the full experiments.");
        Reproduction.Outcome o = Reproduction.run("ntpgeo demo", Experiments.select(names), out, true, s, notes);
        return ReproductionExit.report(o, spec.commandLine().getOut());
    }
}
