package org.ntpgeo.reproduce;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.common.UserError;

/**
 * Finds the TinyStories text for the corpus experiments: the {@code --corpus} given, else
 * {@code shared/data/tinystories/train-first-1000.txt} in the parent of the current directory or of any of its
 * ancestors (so {@code ../shared/data/tinystories/train-first-1000.txt} from a checkout next to {@code shared/}).
 */
public final class CorpusLocator {
    public static final String DEFAULT_RELATIVE = "shared/data/tinystories/train-first-1000.txt";

    private CorpusLocator() {}

    /** The default corpus, or null when none is found. */
    public static Path findDefault() {
        Path dir = Path.of("").toAbsolutePath().normalize();
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Path f = p.resolve(DEFAULT_RELATIVE);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    /** The given corpus (checked) or the default; a {@link UserError} when neither exists. */
    public static Path resolve(Path given, String experiment) {
        if (given != null) {
            if (!Files.isRegularFile(given)) throw new UserError("--corpus " + given + " does not exist or is not a file");
            if (!Files.isReadable(given)) throw new UserError("--corpus " + given + " is not readable");
            return given;
        }
        Path d = findDefault();
        if (d == null) {
            throw new UserError("experiment '" + experiment + "' needs a TinyStories text: pass --corpus FILE (default ../"
                    + DEFAULT_RELATIVE + " was not found)");
        }
        return d;
    }
}
