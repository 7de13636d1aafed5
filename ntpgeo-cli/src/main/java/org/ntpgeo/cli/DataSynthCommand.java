package org.ntpgeo.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.data.SyntheticClasses;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.data.SyntheticDatasets.Range;
import org.ntpgeo.data.CorpusDatasetBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate a synthetic NTP dataset (random, classes, symmetric or the paper's). See docs/DATA.md.",
        footer = {"", "Examples:",
                "  ntpgeo data synth --kind paper --out ds-paper",
                "  ntpgeo data synth --kind random --vocab 50 --contexts 200 --support-size 1..5 --counts 1..10 --seed 3 --out ds-rand",
                "  ntpgeo data synth --kind symmetric --vocab 10 --support-size 2 --out ds-sym",
                "  ntpgeo data synth --kind classes --vocab 160 --contexts 1500000 --classes 30000 --support-size 1..8 --out ds-cls"})
public final class DataSynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "random | classes | symmetric | paper.")
    String kind;

    @Mixin
    OutputDirectoryOptions output;

    @Option(names = "--vocab", paramLabel = "V", description = "Vocabulary size (random, classes: default 30; symmetric: default 10).")
    Integer vocab;

    @Option(names = "--contexts", paramLabel = "M", defaultValue = "100", description = "Number of contexts (random, classes; default ${DEFAULT-VALUE}).")
    int contexts;

    @Option(names = "--classes", paramLabel = "C", defaultValue = "10",
            description = "Number of distinct supports (classes; default ${DEFAULT-VALUE}): one context each, the rest Zipf-distributed.")
    int classes;

    @Option(names = "--zipf", paramLabel = "S", defaultValue = "1.0",
            description = "Exponent of the class-size law P(c) ~ (c+1)^-S (classes; default ${DEFAULT-VALUE}).")
    double zipf;

    @Option(names = "--support-size", paramLabel = "A..B", description = "Support size range (random, classes; default 1..5) or k (symmetric; default 2).")
    String supportSize;

    @Option(names = "--counts", paramLabel = "A..B", description = "Count range (random: default 1..4; symmetric: default 1).")
    String counts;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        output.refuseExisting();
        SyntheticDatasets.Synth s = switch (kind) {
            case "random" -> SyntheticDatasets.random(vocab == null ? 30 : vocab, contexts,
                    Range.parse(supportSize == null ? "1..5" : supportSize, "--support-size"),
                    Range.parse(counts == null ? "1..4" : counts, "--counts"), seed);
            case "classes" -> SyntheticClasses.generate(vocab == null ? 30 : vocab, contexts, classes,
                    Range.parse(supportSize == null ? "1..5" : supportSize, "--support-size"),
                    Range.parse(counts == null ? "1..4" : counts, "--counts"), zipf, seed);
            case "symmetric" -> {
                Range k = Range.parse(supportSize == null ? "2" : supportSize, "--support-size");
                if (k.lo() != k.hi()) throw new UserError("--kind symmetric needs a single --support-size k, got " + supportSize);
                yield SyntheticDatasets.symmetric(vocab == null ? 10 : vocab, k.lo(), Range.parse(counts == null ? "1" : counts, "--counts"), seed);
            }
            case "paper" -> SyntheticDatasets.paper(seed);
            default -> throw new UserError("unknown --kind '" + kind + "' (choose random, classes, symmetric or paper)");
        };
        CorpusDatasetBuilder.writeDirectory(output.out, output.force, dir -> DatasetFiles.write(dir, s.dataset(), s.provenance()));
        DatasetSummary sum = DatasetSummary.of(s.dataset());
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: V=%d m=%d n=%d H=%.4f support classes=%d%n", output.out, sum.vocabSize(),
                sum.contexts(), sum.pairs(), sum.entropy(), sum.supportClasses());
        return 0;
    }
}
