package org.ntpgeo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.data.recipes.Recipe;
import org.ntpgeo.data.recipes.RecipeOptions;
import org.ntpgeo.data.recipes.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build an NTP dataset (DIR/dataset.npz + DIR/dataset.json) from UTF-8 text corpora, either with the",
                "pipeline options below or with a named recipe (--recipe). See docs/DATA.md."},
        footer = {"", "Recipes:",
                "  simplified-tinystories  the paper's simplified TinyStories (options --seed --lines --contexts --variants)",
                "  tinystories             the paper's TinyStories, BPE 128, T-1 = 6 (options --lines --contexts)",
                "", "Examples:",
                "  ntpgeo data build --corpus stories.txt --context-length 6 --out ds",
                "  ntpgeo data build --corpus a.txt b.txt -T 6 --tokenizer whitespace --documents blank-line \\",
                "      --min-context-count 2 --min-support 2 --max-contexts 500 --vocab-size 1000 --unk drop --out ds",
                "  ntpgeo data build --recipe simplified-tinystories --corpus train.txt --seed 1 --out simplified",
                "  ntpgeo data build --recipe tinystories --corpus train.txt --contexts 100000 --out tinystories"})
public final class DataBuildCommand implements Callable<Integer> {
    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "FILE", description = "UTF-8 text file(s), read in the order given.")
    List<Path> corpus;

    @Option(names = "--recipe", paramLabel = "NAME", description = "Build with a named recipe instead of the pipeline options: simplified-tinystories | tinystories.")
    String recipe;

    @Option(names = "--seed", paramLabel = "S", description = "Recipe: random seed (simplified-tinystories; default 0).")
    Long seed;

    @Option(names = "--lines", paramLabel = "N", description = "Recipe: use the first N non-blank lines (simplified-tinystories: default 2000; tinystories: all).")
    Integer lines;

    @Option(names = "--contexts", paramLabel = "M", description = "Recipe: number of contexts (simplified-tinystories: base contexts, default 50; tinystories: at least M, default 100000).")
    Integer contexts;

    @Option(names = "--variants", paramLabel = "K", description = "Recipe: contexts per support class, the base context included (simplified-tinystories; default 8).")
    Integer variants;

    @Mixin
    BuildPipelineOptions pipeline;

    @Mixin
    OutputDirectoryOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        CorpusDatasetBuilder.Built b;
        if (recipe == null) {
            List<String> recipeOnly = matched("--seed", "--lines", "--contexts", "--variants");
            if (!recipeOnly.isEmpty()) throw new UserError(String.join(", ", recipeOnly) + " only apply with --recipe");
            BuildOptions options = pipeline.toBuildOptions();
            b = CorpusDatasetBuilder.buildTo(output.out, output.force, corpus, options, new TerminalProgress(spec.commandLine().getErr(), true));
        } else {
            Recipe r = Recipes.byName(recipe);
            List<String> pipelineOnly = new ArrayList<>();
            for (CommandLine.Model.OptionSpec o : spec.mixins().get("pipeline").options()) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) pipelineOnly.add(o.longestName());
            }
            if (!pipelineOnly.isEmpty()) {
                throw new UserError(String.join(", ", pipelineOnly) + " cannot be combined with --recipe (the recipe " + recipe
                        + " fixes them; see docs/DATA.md)");
            }
            output.refuseExisting();
            RecipeOptions ro = new RecipeOptions(seed, lines, contexts, variants, Runtime.getRuntime().availableProcessors(), new TerminalProgress(spec.commandLine().getErr(), true));
            b = r.build(corpus, ro);
            CorpusDatasetBuilder.Built built = b;
            CorpusDatasetBuilder.writeDirectory(output.out, output.force, dir -> CorpusDatasetBuilder.write(dir, built));
            JsonNode notes = b.provenance().path("recipe").path("notes");
            for (JsonNode n : notes) spec.commandLine().getOut().println("note: " + n.asText());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s (%.1fs)%n", output.out, DatasetSummary.of(b.dataset()).headline(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private List<String> matched(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) if (spec.commandLine().getParseResult().hasMatchedOption(n)) out.add(n);
        return out;
    }
}
