package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.reproduce.Experiments;
import org.ntpgeo.reproduce.Reproduction;
import org.ntpgeo.reproduce.RunSettings;
import org.ntpgeo.reproduce.Scale;
import org.ntpgeo.reproduce.SummaryText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the paper's experiments end to end: data -> NTP-SVM* and regularisation path -> UFM, transformer",
                "and LSTM training -> analysis -> one report per run, a comparison page per experiment and DIR/index.html.",
                "Experiments: synthetic, ufm-simulation, simplified-tinystories, tinystories, or all. See docs/REPRODUCTION.md."},
        footer = {"", "Examples:",
                "  ./ntpgeo reproduce synthetic --out out/synthetic",
                "  ./ntpgeo reproduce all --out out/all                      # about an hour on 2 cores",
                "  ./ntpgeo reproduce simplified-tinystories --corpus stories.txt --out out/simple"})
public final class ReproduceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "synthetic | ufm-simulation | simplified-tinystories | tinystories | all")
    List<String> experiments;

    @Option(names = "--out", defaultValue = "ntpgeo-out/reproduce", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists (atomically, when the new output is complete).")
    boolean force;

    @Option(names = "--corpus", paramLabel = "FILE", description = "TinyStories text for the corpus experiments (default: ../shared/data/tinystories/train-first-1000.txt, searched upwards from the current directory).")
    Path corpus;

    @Option(names = "--scale", defaultValue = "full", paramLabel = "S", description = "full | demo (shorter training) | test (seconds; smoke tests only) (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of data synthesis and initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress bars or step messages.")
    boolean noProgress;

    @Override
    public Integer call() {
        Scale sc = switch (scale.toLowerCase(Locale.ROOT)) {
            case "full" -> Scale.FULL;
            case "demo" -> Scale.DEMO;
            case "test" -> Scale.TEST;
            default -> throw new UserError("bad --scale '" + scale + "': use full, demo or test");
        };
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) throw new UserError("--threads must be >= 1, got " + t);
        RunSettings s = new RunSettings(sc, corpus, TerminalProgress.orNone(!noProgress, spec.commandLine().getErr()), t, seed);
        Reproduction.Outcome o = Reproduction.run("ntpgeo reproduction: " + String.join(", ", experiments),
                Experiments.select(experiments), out, force, s, List.of());
        spec.commandLine().getOut().print(SummaryText.of(o));
        spec.commandLine().getOut().println(o.index());
        return 0;
    }
}
