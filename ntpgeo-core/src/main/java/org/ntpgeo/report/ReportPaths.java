package org.ntpgeo.report;

import java.nio.file.Path;

/**
 * Paths shown in reports are relative to the report's own directory, so they stay right when a whole output
 * tree is moved (as {@code reproduce} does when it renames its staging directory into place) or copied elsewhere.
 */
final class ReportPaths {
    private ReportPaths() {}

    /** {@code target} as seen from {@code reportDir} (e.g. {@code ../runs/ufm}); absolute if no relative form exists. */
    static String relative(Path reportDir, Path target) {
        Path from = reportDir.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        if (from.getRoot() == null || !from.getRoot().equals(to.getRoot())) return to.toString();
        String rel = from.relativize(to).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
