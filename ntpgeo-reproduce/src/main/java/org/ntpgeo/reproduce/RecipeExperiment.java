package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.recipes.RecipeOptions;
import org.ntpgeo.data.recipes.Recipes;

/**
 * An experiment whose dataset a data recipe builds from the TinyStories corpus ({@code --corpus}): it needs the
 * corpus, checks it before anything runs, and prepares its data by running the recipe.
 */
interface RecipeExperiment extends Experiment {
    @Override
    default boolean needsCorpus() {
        return true;
    }

    @Override
    default void check(RunSettings s) {
        CorpusFile.require(s, name());
    }

    /**
     * Build the recipe {@code recipe} on the corpus with {@code options} into {@code dataDir}; the notes are
     * {@code "Corpus <file>; data: " + data} followed by the recipe's own notes.
     */
    default List<String> prepareRecipe(Path dataDir, RunSettings s, String recipe, RecipeOptions options, String data) {
        Path corpus = CorpusFile.require(s, name());
        CorpusDatasetBuilder.Built b = Recipes.byName(recipe).build(List.of(corpus), options);
        CorpusDatasetBuilder.write(dataDir, b);
        List<String> notes = new ArrayList<>();
        notes.add("Corpus " + corpus + "; data: " + data);
        for (JsonNode n : b.provenance().path("recipe").path("notes")) notes.add("Recipe: " + n.asText());
        return notes;
    }
}
