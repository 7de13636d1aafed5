package org.ntpgeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.io.AtomicFiles;

/**
 * A test main that behaves like a command killed while its output is staged (data build, analyze, solve): it
 * installs the command line's interrupt handling, stages {@code args[0]}, writes a file into the staging directory,
 * prints "staged" on stderr and waits to be signalled.
 */
public final class StagingHolder {
    private StagingHolder() {}

    public static void main(String[] args) throws Exception {
        Interrupts.install();
        AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(Path.of(args[0]), false);
        Files.writeString(dir.path().resolve("partial.txt"), "half of an output");
        System.err.println("staged " + dir.path());
        System.err.flush();
        Thread.sleep(60_000);
        dir.close();
    }
}
