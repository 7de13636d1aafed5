package org.ntpgeo.reproduce;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.common.OptionError;

/**
 * The text corpus of the corpus experiments (simplified-tinystories, tinystories): always given explicitly; there is
 * no default location (the project contains no corpus text and does not look for one beside the checkout). The
 * paper's corpus is TinyStories (Eldan and Li 2023), published on Hugging Face as the dataset
 * {@code roneneldan/TinyStories} under CDLA-Sharing-1.0; any UTF-8 text with enough lines works.
 */
public final class CorpusFile {
    /** Where the paper's corpus comes from, in one phrase. */
    public static final String SOURCE = "TinyStories (Hugging Face dataset roneneldan/TinyStories, licence CDLA-Sharing-1.0)";
    /** A file of it (the validation split, about 19 MB). */
    public static final String SUGGESTED_FILE = "TinyStories-valid.txt";
    /** The command that fetches {@link #SUGGESTED_FILE}. */
    public static final String FETCH = "curl -L -o " + SUGGESTED_FILE
            + " https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/" + SUGGESTED_FILE;

    private CorpusFile() {}

    /** {@code given} when it is a readable regular file; an option error naming it otherwise. */
    public static Path check(Path given) {
        if (!Files.isRegularFile(given)) throw new OptionError("{corpus} " + given + " does not exist or is not a file");
        if (!Files.isReadable(given)) throw new OptionError("{corpus} " + given + " is not readable");
        return given;
    }

    /** The corpus of {@code settings}, checked; when none was given, an option error that says how to get one. */
    public static Path require(RunSettings settings, String experiment) {
        if (settings.corpus() == null) throw missing(experiment);
        return check(settings.corpus());
    }

    /** "experiment X needs a text corpus: pass {corpus} FILE ...; TinyStories: FETCH". */
    public static OptionError missing(String experiment) {
        return new OptionError("experiment '" + experiment + "' needs a text corpus: pass {corpus} FILE (any UTF-8 text; the paper's is "
                + SOURCE + ", e.g. " + FETCH + ")");
    }
}
