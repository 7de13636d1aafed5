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

/**
 * Atomic writes: content goes to a hidden temporary file in the same directory, is flushed to disk, then
 * renamed over the target. A crash or Ctrl-C leaves either the old file or the new one, never half of one.
 * Whole output directories are built the same way: in a hidden sibling, renamed into place at the end.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writer callback that may throw IOException. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                     OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
                     OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
                    body.write(out);
                    out.flush();
                    ch.force(true);
                }
                publish(tmp, false);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
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

        private StagedDirectory(Path target, boolean replace) throws IOException {
            this.target = target.toAbsolutePath().normalize();
            this.replace = replace;
            Path parent = this.target.getParent();
            Files.createDirectories(parent);
            this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".staging-");
            publish(staging, true);
        }

        /** The place to write into. */
        public Path path() {
            return staging;
        }

        public Path target() {
            return target;
        }

        public void commit() {
            try {
                if (Files.exists(target)) {
                    if (!replace) throw new IOException(target + " already exists");
                    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                    Files.delete(old);
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(old);
                } else {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
                committed = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move output into " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!committed) deleteTree(staging);
        }
    }

    /** Stage a new directory; with {@code replace} an existing target is swapped out on commit. */
    public static StagedDirectory stageDirectory(Path target, boolean replace) {
        try {
            return new StagedDirectory(target, replace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory for " + target + ": " + e.getMessage(), e);
        }
    }

    /** Delete a file tree, ignoring what is already gone. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
