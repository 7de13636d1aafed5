package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.reproduce.CorpusFile;
import org.ntpgeo.reproduce.Experiment;
import org.ntpgeo.reproduce.Experiments;
import org.ntpgeo.reproduce.Reproduction;
import org.ntpgeo.reproduce.RunSettings;
import org.ntpgeo.reproduce.Scale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the paper's experiments end to end, with a report per run and an index page.",
                "Each experiment builds its data, solves NTP-SVM* and the regularisation path, trains the UFM, the transformer",
                "and the LSTM, and analyses every run; DIR/index.html links all of it.",
                "Experiments: synthetic, ufm-simulation, simplified-tinystories and tinystories (these two need --corpus), or all.",
                "'all' without --corpus runs the first two and lists the others with the command that runs them.",
                "Exit code 0 when everything ran; 3 when a run diverged or NTP-SVM* did not converge; 2 or 1 when an experiment",
                "or run failed (bad input or resources, or a bug); the reports keep every cause. See docs/REPRODUCTION.md."},
        footer = {"", "Examples:",
                "  ./ntpgeo reproduce synthetic --out out/synthetic",
                "  ./ntpgeo reproduce all --corpus \"$STORIES\" --out out/all      # about an hour on 2 cores",
                "  ./ntpgeo reproduce simplified-tinystories --corpus \"$STORIES\" --out out/simple",
                "", "A corpus: any UTF-8 text; the paper's is " + CorpusFile.SOURCE + ":",
                "  " + CorpusFile.FETCH})
public final class ReproduceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "synthetic | ufm-simulation | simplified-tinystories | tinystories | all")
    List<String> experiments;

    @Option(names = "--out", defaultValue = "ntpgeo-out/reproduce", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists (atomically, when the new output is complete).")
    boolean force;

    @Option(names = "--corpus", paramLabel = "FILE", description = "Text for simplified-tinystories and tinystories (any UTF-8 text; the paper's is TinyStories).")
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
        List<Experiment> chosen = Experiments.select(experiments);
        List<Reproduction.Skipped> skipped = new ArrayList<>();
        if (corpus == null) {
            // named explicitly: refuse (exit 2) with how to get a corpus; through 'all': run the others, list these
            for (String name : experiments) {
                if (!name.equals("all") && Experiments.byName(name).needsCorpus()) throw CorpusFile.missing(name);
            }
            for (Experiment e : chosen) {
                if (!e.needsCorpus()) continue;
                Path dir = Path.of(out.toString() + "-" + e.name());
                skipped.add(new Reproduction.Skipped(e.name(), e.title(), "it needs a text corpus and none was given (--corpus FILE)",
                        CorpusFile.FETCH + "\n./ntpgeo reproduce " + e.name() + " --corpus " + CorpusFile.SUGGESTED_FILE + " --out " + dir));
            }
            chosen = chosen.stream().filter(e -> !e.needsCorpus()).toList();
        }
        RunSettings s = new RunSettings(sc, corpus, TerminalProgress.orNone(!noProgress, spec.commandLine().getErr()), t, seed);
        Reproduction.Outcome o = Reproduction.run("ntpgeo reproduction: " + String.join(", ", experiments), chosen, skipped, out, force, s,
                List.of());
        return ReproductionExit.report(o, spec.commandLine().getOut());
    }
}
