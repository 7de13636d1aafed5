package org.ntpgeo.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    /** A pid that no process has any more (a finished child). */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void staleStagingOfDeadOwnersIsRemovedAndLiveOnesAreKept() throws Exception {
        Path dead = Files.createDirectories(dir.resolve(".out.staging-" + deadPid() + "-1700000000000-12345"));
        Files.writeString(dead.resolve("half"), "x");
        Path deadOld = Files.createDirectories(dir.resolve(".out.old-" + deadPid() + "-0-7"));
        Path live = Files.createDirectories(dir.resolve(".out.staging-" + AtomicFiles.Owner.TAG + "-99"));
        Path unknown = Files.createDirectories(dir.resolve(".out.staging-123456789")); // an older version's name: owner unknown
        Path other = Files.createDirectories(dir.resolve(".other.staging-" + deadPid() + "-0-1")); // another output
        Path deadTmp = Files.writeString(dir.resolve(".a.txt." + deadPid() + "-0-42.tmp"), "x");
        Path liveTmp = Files.writeString(dir.resolve(".a.txt." + AtomicFiles.Owner.TAG + "-43.tmp"), "x");
        try (var staged = AtomicFiles.stageDirectory(dir.resolve("out"), false)) {
            assertTrue(staged.path().getFileName().toString().startsWith(".out.staging-" + AtomicFiles.Owner.TAG + "-"));
            staged.commit();
        }
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadOld));
        assertFalse(Files.exists(deadTmp));
        assertTrue(Files.exists(live), "a live process's staging stays");
        assertTrue(Files.exists(liveTmp));
        assertTrue(Files.exists(unknown), "names without an owner are never guessed stale");
        assertTrue(Files.exists(other), "only the siblings of the output being written are looked at");
    }

    @Test
    void temporaryFilesNameTheirOwner() throws Exception {
        Path f = dir.resolve("c.txt");
        AtomicFiles.write(f, out -> {
            try (var s = Files.list(dir)) {
                List<String> names = s.map(p -> p.getFileName().toString()).toList();
                assertEquals(1, names.size());
                assertTrue(names.get(0).startsWith(".c.txt." + AtomicFiles.Owner.TAG + "-") && names.get(0).endsWith(".tmp"), names.get(0));
            }
            out.write('x');
        });
        assertEquals(0, AtomicFiles.removeStaleTemporaries(dir));
    }

    @Test
    void abortingDeletesUncommittedStagingAndRefusesLaterWrites() throws Exception {
        AtomicFiles.StagedDirectory staged = AtomicFiles.stageDirectory(dir.resolve("out"), false);
        Files.writeString(staged.path().resolve("x"), "1");
        AtomicFiles.StagedDirectory done = AtomicFiles.stageDirectory(dir.resolve("done"), false);
        done.commit();
        try {
            AtomicFiles.abortStagedDirectories();
            assertFalse(Files.exists(staged.path()));
            assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeString(staged.path().resolve("sub/y"), "2"));
            assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.createDirectories(staged.path().resolve("figures")));
            assertFalse(Files.exists(staged.path()), "a write after the abort does not recreate the staging directory");
            assertThrows(java.io.UncheckedIOException.class, staged::commit);
            var refused = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.stageDirectory(dir.resolve("late"), false));
            assertTrue(refused.getMessage().contains("being stopped"), refused.getMessage());
            assertFalse(Files.exists(dir.resolve("out")));
            assertTrue(Files.isDirectory(dir.resolve("done")), "committed outputs are untouched");
            try (var s = Files.list(dir)) {
                assertEquals(List.of("done"), s.map(p -> p.getFileName().toString()).toList(), "no staging left, none made late");
            }
        } finally {
            AtomicFiles.resumeAfterAbort();
        }
        staged.close();
        done.close();
    }

    /**
     * The abort of a stopping command races with the command's own writes into its staged directory: whatever the
     * interleaving, no creation may make the deleted staging directory again (Files.createDirectories makes missing
     * parents, so a check made just before the abort and a creation just after it would).
     */
    @Test
    void writesRacingWithTheAbortNeverRecreateTheStaging() throws Exception {
        try {
            for (int round = 0; round < 200; round++) {
                AtomicFiles.StagedDirectory staged = AtomicFiles.stageDirectory(dir.resolve("race" + round), false);
                Path figures = staged.path().resolve("figures");
                java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        try {
                            Path sub = figures.resolve("d" + (i % 4));
                            AtomicFiles.createDirectories(sub);
                            AtomicFiles.writeString(sub.resolve("f" + (i % 8)), "x");
                            done.incrementAndGet();
                        } catch (java.io.UncheckedIOException refused) {
                            done.set(Integer.MIN_VALUE / 2);
                            return;
                        }
                    }
                });
                writer.start();
                int abortAfter = round % 12; // abort at different points of the writer's work
                while (done.get() < abortAfter && writer.isAlive()) Thread.onSpinWait();
                AtomicFiles.abortStagedDirectories();
                writer.join();
                assertFalse(Files.exists(staged.path()), "round " + round + ": the staging directory was made again");
                AtomicFiles.resumeAfterAbort();
                staged.close();
            }
        } finally {
            AtomicFiles.resumeAfterAbort();
        }
    }

    @Test
    void ioFailuresSayCannotWriteAndNameThePath() {
        Path target = Path.of("/proc/ntpgeo-test-" + ProcessHandle.current().pid());
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")));
        var e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.stageDirectory(target, false));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeString(target.resolve("f"), "x"));
        assertTrue(e.getMessage().startsWith("cannot write " + target.resolve("f") + ": "), e.getMessage());
    }
}
