package org.ntpgeo.data.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.CorpusCounter;
import org.ntpgeo.data.Tokenizers;
import org.ntpgeo.data.CorpusDatasetBuilder;

/** The recipes ntpgeo knows; add a new one to {@link #ALL}. */
public final class Recipes {
    public static final List<Recipe> ALL = List.of(new SimplifiedTinyStories(), new TinyStoriesBpe());

    private Recipes() {}

    /** The recipe called {@code name}, or a UserError listing the known ones. */
    public static Recipe byName(String name) {
        for (Recipe r : ALL) if (r.name().equals(name)) return r;
        throw new UserError("unknown recipe '" + name + "' (choose " + String.join(", ", names()) + ")");
    }

    public static List<String> names() {
        return ALL.stream().map(Recipe::name).toList();
    }

    /**
     * The provenance block of a recipe's dataset.json, in the layout of {@code data build}'s: source, created_by,
     * tokenizer, options (the recipe's resolved settings), inputs (path, bytes, sha256), pipeline (counts after
     * each step) and recipe (name and what the recipe chose, e.g. its classes).
     */
    static ObjectNode provenance(Recipe r, Tokenizers.Prepared tokenizer, ObjectNode options, List<CorpusCounter.InputFile> inputs,
                                 ObjectNode pipeline, ObjectNode recipe) {
        ObjectNode prov = CorpusDatasetBuilder.provenance("ntpgeo data build --recipe " + r.name(), tokenizer, options, inputs, pipeline);
        prov.set("recipe", recipe);
        return prov;
    }
}
