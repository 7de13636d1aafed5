package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build an NTP dataset (DIR/dataset.npz + DIR/dataset.json) from UTF-8 text corpora. See docs/DATA.md.",
        footer = {"", "Examples:",
                "  ntpgeo data build --corpus stories.txt --context-length 6 --out ds",
                "  ntpgeo data build --corpus a.txt b.txt -T 6 --tokenizer whitespace --documents blank-line \\",
                "      --min-context-count 2 --min-support 2 --max-contexts 500 --vocab-size 1000 --out ds"})
public final class DataBuildCommand implements Callable<Integer> {
    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "FILE", description = "UTF-8 text file(s), read in the order given.")
    List<Path> corpus;

    @Mixin
    BuildRecipeOptions recipe;

    @Mixin
    OutputDirectoryOptions output;

    @Override
    public Integer call() {
        BuildOptions options = recipe.toBuildOptions();
        long t0 = System.nanoTime();
        CorpusDatasetBuilder.Built b = CorpusDatasetBuilder.buildTo(output.out, output.force, corpus, options, true);
        System.out.printf(Locale.ROOT, "wrote %s: %s (%.1fs)%n", output.out, DatasetSummary.of(b.dataset()).headline(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
