package org.ntpgeo.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsOldContentAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk on fire");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void outputsAreReadableByOthers() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("b.txt");
        AtomicFiles.writeString(f, "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Path d = dir.resolve("out");
        try (var staged = AtomicFiles.stageDirectory(d, false)) {
            staged.commit();
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
    }

    @Test
    void stagedDirectoryRefusesExistingTargetUnlessReplacing() throws Exception {
        Path d = dir.resolve("out");
        Files.createDirectories(d);
        Files.writeString(d.resolve("old"), "1");
        try (var staged = AtomicFiles.stageDirectory(d, false)) {
            assertThrows(RuntimeException.class, staged::commit);
        }
        try (var staged = AtomicFiles.stageDirectory(d, true)) {
            Files.writeString(staged.path().resolve("new"), "2");
            staged.commit();
        }
        assertTrue(Files.exists(d.resolve("new")));
        assertFalse(Files.exists(d.resolve("old")));
    }
}
