package org.ntpgeo.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only shared inputs (../shared: TinyStories samples, checking tools) from the working directory. */
public final class SharedFiles {
    private SharedFiles() {}

    /** Walk up from the working directory to a directory holding {@code rel} or {@code shared/rel}; null if none. */
    public static Path find(String rel) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(rel))) return p.resolve(rel);
            if (Files.exists(p.resolve("shared").resolve(rel))) return p.resolve("shared").resolve(rel);
        }
        return null;
    }

    /** A TinyStories sample by file name, e.g. {@code train-first-1000.txt}; null if absent. */
    public static Path tinyStories(String name) {
        return find("data/tinystories/" + name);
    }
}
