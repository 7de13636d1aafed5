package org.ntpgeo.cli;

import java.nio.file.Path;
import org.ntpgeo.data.CorpusDatasetBuilder;
import picocli.CommandLine.Option;

/** {@code --out DIR} and {@code --force}: the new output directory of a command (picocli mixin). */
final class OutputDirectoryOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist unless --force).")
    Path out;

    @Option(names = "--force", description = "Replace an existing output directory.")
    boolean force;

    /** Refuse an existing {@code --out} unless {@code --force}: call it before any long work. */
    void refuseExisting() {
        CorpusDatasetBuilder.checkOutput(out, force);
    }
}
