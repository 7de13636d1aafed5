package org.ntpgeo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportPathsTest {
    @Test
    void pathsAreRelativeToTheReportSoAMovedTreeStaysConsistent() {
        Path root = Path.of("/tmp/x/.staging-1");
        assertEquals("../../runs/ufm", ReportPaths.relative(root.resolve("reports/ufm"), root.resolve("runs/ufm")));
        assertEquals(".", ReportPaths.relative(root, root));
        assertEquals("../other", ReportPaths.relative(Path.of("/a/b"), Path.of("/a/other")));
    }
}
