package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo itself takes minutes (run it by hand); here only its argument handling. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingCorpusIsRefusedBeforeAnyWork() {
        Path out = dir.resolve("demo");
        DataCommandsTest.Run r = DataCommandsTest.run("demo", "--corpus", dir.resolve("missing.txt").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.txt"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void helpNamesTheExperiments() {
        DataCommandsTest.Run r = DataCommandsTest.run("demo", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("synthetic"), r.out());
    }
}
