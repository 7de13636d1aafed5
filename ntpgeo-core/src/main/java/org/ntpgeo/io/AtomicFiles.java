package org.ntpgeo.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Atomic writes: content goes to a hidden temporary file in the same directory, is flushed to disk, then
 * renamed over the target. A crash or Ctrl-C leaves either the old file or the new one, never half of one.
 * Whole output directories are built the same way: in a hidden sibling, renamed into place at the end.
 *
 * <p>Debris: temporary files and staging directories carry their owner in their name
 * ({@code .NAME.staging-PID-START-N}, {@code .NAME.PID-START-N.tmp}: process id and start time in milliseconds),
 * so that the next command that stages the same output removes what a killed process left, and never what a live
 * process still owns. A command line that wants Ctrl-C and SIGTERM to leave nothing calls
 * {@link #abortStagedDirectories()} from its shutdown hook (the library installs no hooks).
 *
 * <p>Errors: every I/O failure is an {@link UncheckedIOException} whose message starts with "cannot write" or
 * "cannot read" and names the path.
 */
public final class AtomicFiles {
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";
    private static final String TMP = ".tmp";
    /** Staged directories not yet committed or closed in this process. */
    private static final Set<StagedDirectory> LIVE = ConcurrentHashMap.newKeySet();
    /** Staging directories removed by {@link #abortStagedDirectories()}: nothing may be written below them any more. */
    private static final Set<Path> ABORTED = ConcurrentHashMap.newKeySet();
    /**
     * Creating a file or directory (or renaming one into place) that may lie below a staging directory, and the
     * abort: a creation checks {@link #ABORTED} and creates while it holds the read lock, the abort marks and deletes
     * while it holds the write lock. Without it a creation that checked just before the abort could recreate a deleted
     * staging directory ({@link Files#createDirectories} makes the missing parents) after the abort, or add an entry
     * to a directory that the deletion has already listed (which then cannot be deleted), and leave it behind.
     */
    private static final ReentrantReadWriteLock CREATION = new ReentrantReadWriteLock();
    /** Set by {@link #abortStagedDirectories()}: the process is stopping, no new staged directory. */
    private static volatile boolean stopping;

    private AtomicFiles() {}

    /** Writer callback that may throw IOException. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Path tmp;
            CREATION.readLock().lock();
            try {
                refuseAborted(dir);
                Files.createDirectories(dir);
                tmp = Files.createTempFile(dir, "." + target.getFileName() + "." + Owner.TAG + "-", TMP);
            } finally {
                CREATION.readLock().unlock();
            }
            try {
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                     OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
                     OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
                    body.write(out);
                    out.flush();
                    ch.force(true);
                }
                publish(tmp, false);
                // a rename adds an entry to the directory, which the abort's deletion may already have listed
                CREATION.readLock().lock();
                try {
                    refuseAborted(dir);
                    move(tmp, target);
                } finally {
                    CREATION.readLock().unlock();
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /**
     * {@link Files#createDirectories}, for directories that may lie below a staged directory (use it there instead of
     * Files'): refused below a staging directory that {@link #abortStagedDirectories()} removed, so that a command
     * being stopped does not make it again. Returns {@code dir}.
     */
    public static Path createDirectories(Path dir) {
        CREATION.readLock().lock();
        try {
            refuseAborted(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + reason(e), e);
        } finally {
            CREATION.readLock().unlock();
        }
    }

    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** A short reason for an I/O failure: the exception's own words without repeating the path. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "it already exists";
        if (e instanceof java.nio.file.NotDirectoryException) return "not a directory";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "directory not empty";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void refuseAborted(Path dir) throws IOException {
        if (ABORTED.isEmpty()) return;
        Path d = dir.toAbsolutePath().normalize();
        for (Path a : ABORTED) if (d.startsWith(a)) throw new IOException("the command is being stopped; its output was abandoned");
    }

    /**
     * Temporary files and directories are created private (0600 / 0700); give finished outputs the usual
     * readable modes (0644 / 0755) so results can be shared. No-op on file systems without POSIX permissions.
     */
    private static void publish(Path p, boolean directory) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    directory ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the defaults
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A directory that appears at {@code target} only when {@link #commit()} is called. Until then its
     * content lives in a hidden sibling that {@link #close()} deletes, so a failed command leaves nothing.
     */
    public static final class StagedDirectory implements AutoCloseable {
        private final Path target;
        private final Path staging;
        private final boolean replace;
        private boolean committed;
        private boolean aborted;

        private StagedDirectory(Path target, boolean replace) throws IOException {
            this.target = target.toAbsolutePath().normalize();
            this.replace = replace;
            Path parent = this.target.getParent();
            Files.createDirectories(parent);
            removeStale(parent, this.target.getFileName().toString());
            this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + STAGING + Owner.TAG + "-");
            publish(staging, true);
        }

        /** The place to write into. */
        public Path path() {
            return staging;
        }

        public Path target() {
            return target;
        }

        /** Moves the staged content to the target; fails when the target exists (unless replacing) or the stage was aborted. */
        public synchronized void commit() {
            try {
                if (aborted) throw new IOException("the command is being stopped; its output was abandoned");
                if (Files.exists(target)) {
                    if (!replace) throw new java.nio.file.FileAlreadyExistsException(target.toString());
                    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + OLD + Owner.TAG + "-");
                    Files.delete(old);
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(old);
                } else {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
                committed = true;
                LIVE.remove(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
            }
        }

        /** Deletes the staged content unless committed (idempotent; the abort path of every command). */
        @Override
        public synchronized void close() {
            LIVE.remove(this);
            if (!committed) deleteTree(staging);
        }

        /** Called with {@link #CREATION}'s write lock held. */
        private synchronized void abort() {
            if (committed) return;
            aborted = true;
            ABORTED.add(staging);
            try {
                deleteTree(staging);
            } catch (UncheckedIOException ignored) {
                // best effort while the JVM stops; the next command removes what is left (the owner is dead then)
            }
        }
    }

    /**
     * Stage a new directory; with {@code replace} an existing target is swapped out on commit. Stale staging
     * directories of the same target left by processes that no longer run are removed first.
     */
    public static StagedDirectory stageDirectory(Path target, boolean replace) {
        // made and registered under the read lock: an abort sees it registered or runs before it is made
        CREATION.readLock().lock();
        try {
            if (stopping) throw new IOException("the command is being stopped");
            StagedDirectory s = new StagedDirectory(target, replace);
            LIVE.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target.toAbsolutePath().normalize() + ": " + reason(e), e);
        } finally {
            CREATION.readLock().unlock();
        }
    }

    /**
     * Deletes every staged directory of this process that is not committed yet, and refuses later writes below
     * them (through {@link #write} and {@link #createDirectories}) and new staged directories. For a command line's
     * shutdown hook (Ctrl-C, SIGTERM); a commit racing with it either completes first or fails.
     */
    public static void abortStagedDirectories() {
        CREATION.writeLock().lock();
        try {
            stopping = true;
            for (StagedDirectory s : List.copyOf(LIVE)) s.abort();
            LIVE.clear();
        } finally {
            CREATION.writeLock().unlock();
        }
    }

    /** Tests that abort in process: new staged directories are allowed again (aborted ones stay refused). */
    static void resumeAfterAbort() {
        stopping = false;
    }

    /**
     * Removes the hidden siblings of {@code parent/name} (staging directories, swapped-out old copies) and the
     * temporary files in {@code parent} whose owner process is no longer running. Returns how many were removed.
     */
    public static int removeStale(Path parent, String name) {
        int removed = 0;
        if (!Files.isDirectory(parent)) return 0;
        String staging = "." + name + STAGING, old = "." + name + OLD;
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                String owner = n.startsWith(staging) ? n.substring(staging.length()) : n.startsWith(old) ? n.substring(old.length()) : null;
                if (owner != null && Owner.isStale(owner)) {
                    deleteTree(p);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // stale debris is harmless for correctness: leave it rather than fail the command
        }
        return removed + removeStaleTemporaries(parent);
    }

    /** Removes the temporary files of atomic writes in {@code dir} whose owner process is no longer running. */
    public static int removeStaleTemporaries(Path dir) {
        int removed = 0;
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") || !n.endsWith(TMP) || !Files.isRegularFile(p)) continue;
                // .NAME.PID-START-N.tmp: the owner is the part after the last dot before ".tmp"
                String stem = n.substring(0, n.length() - TMP.length());
                String owner = stem.substring(stem.lastIndexOf('.') + 1);
                if (Owner.isStale(owner) && Files.deleteIfExists(p)) removed++;
            }
        } catch (IOException e) {
            // see removeStale
        }
        return removed;
    }

    /** Delete a file tree, ignoring what is already gone. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof java.nio.file.NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root + " (deleting it): " + reason(e), e);
        }
    }

    /** The owner tag of this process's temporary names, and the liveness test for tags found on disk. */
    static final class Owner {
        /** "PID-STARTMILLIS" of this process (start 0 when the OS does not tell). */
        static final String TAG = tag(ProcessHandle.current());

        private Owner() {}

        static String tag(ProcessHandle p) {
            return p.pid() + "-" + p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        }

        /**
         * True when {@code name} starts with "PID-START-" of a process that no longer runs (or whose pid was
         * reused by a later process). Names without an owner tag (older versions) are never stale: their owner
         * is unknown.
         */
        static boolean isStale(String name) {
            String[] f = name.split("-");
            if (f.length < 2) return false;
            long pid, start;
            try {
                pid = Long.parseLong(f[0]);
                start = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                return false;
            }
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) return true;
            if (start == 0) return false;
            long actual = handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(start);
            return Math.abs(actual - start) > 1000; // the pid now belongs to another process
        }
    }
}
