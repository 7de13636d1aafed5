package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntpgeo.reproduce.CorpusLocator;
import org.ntpgeo.reproduce.Experiments;
import org.ntpgeo.reproduce.Reproduction;
import org.ntpgeo.reproduce.RunSettings;
import org.ntpgeo.reproduce.Scale;
import org.ntpgeo.reproduce.SummaryText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The showcase, in a few minutes: the paper's synthetic experiment and the UFM simulation (and, with --corpus,",
                "a simplified TinyStories run on that text), each with NTP-SVM*, the regularisation path, training, analysis and",
                "reports. Prints the path of the index page. A previous demo output is replaced (atomically, at the end)."},
        footer = {"", "Examples:", "  ./ntpgeo demo", "  ./ntpgeo demo --corpus ../shared/data/tinystories/train-first-1000.txt"})
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
            CorpusLocator.resolve(corpus, "simplified-tinystories");
            names.add("simplified-tinystories");
        }
        RunSettings s = new RunSettings(Scale.DEMO, corpus, TerminalProgress.orNone(!noProgress, spec.commandLine().getErr()), Runtime.getRuntime().availableProcessors(), 0L);
        List<String> notes = List.of("Demo scale: the UFM trains to convergence; the transformer and LSTM train only briefly. "
                + "Run 'ntpgeo reproduce all' for the full experiments.");
        Reproduction.Outcome o = Reproduction.run("ntpgeo demo", Experiments.select(names), out, true, s, notes);
        spec.commandLine().getOut().print(SummaryText.of(o));
        spec.commandLine().getOut().println(o.index());
        return 0;
    }
}
