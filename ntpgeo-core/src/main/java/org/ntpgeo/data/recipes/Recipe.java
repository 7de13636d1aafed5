package org.ntpgeo.data.recipes;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ntpgeo.data.CorpusDatasetBuilder;

/**
 * A named, documented pipeline from corpus files to an {@link org.ntpgeo.data.NtpDataset}, for datasets that the
 * generic options of {@code data build} cannot express (the paper's datasets). A recipe is pure given its inputs
 * and options (the same files, options and seed give byte-identical files) and records everything it did in
 * the provenance ({@code recipe} block of dataset.json: name, resolved options, counts after each step).
 * docs/DATA.md ("Recipes") specifies each recipe; {@link Recipes} lists them.
 */
public interface Recipe {
    /** The name used on the command line, e.g. {@code simplified-tinystories}. */
    String name();

    /** One line for help texts. */
    String summary();

    /** The knobs of {@link RecipeOptions} this recipe reads (the others are refused). */
    Set<RecipeOptions.Knob> knobs();

    /** Build the dataset in memory (nothing is written); user errors are {@link org.ntpgeo.common.UserError}s. */
    CorpusDatasetBuilder.Built build(List<Path> corpus, RecipeOptions options);
}
