package org.ntpgeo.spark;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data/tinystories/NAME by walking up from the working directory (null when absent). */
final class SharedData {
    private SharedData() {}

    static Path tinyStories(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("shared/data/tinystories").resolve(name);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }
}
