package org.ntpgeo.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: finds a python3 that imports numpy (Debian's /usr/bin/python3 first) and runs snippets. */
public final class PythonNumpy {
    private PythonNumpy() {}

    public static Path find() {
        for (String c : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) return Path.of(c);
            } catch (Exception ignored) {
                // try the next one
            }
        }
        return null;
    }

    public static String run(Path python, String code, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", code));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("python failed: " + out);
        return out;
    }

    /**
     * A file of the shared inputs (e.g. {@code tools/check-classes-npz}), looked up from the working directory
     * upwards, directly or under {@code shared/} (worktrees keep /work/shared as a sibling); null when absent.
     */
    public static Path findShared(String rel) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(rel))) return p.resolve(rel);
            if (Files.exists(p.resolve("shared").resolve(rel))) return p.resolve("shared").resolve(rel);
        }
        return null;
    }

    public static boolean exists(Path p) {
        return p != null && Files.exists(p);
    }
}
