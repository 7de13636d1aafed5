package org.ntpgeo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.temporal.ChronoUnit;
import org.ntpgeo.common.UserError;

/**
 * An exclusive lock on a directory (an OS file lock on {@code DIR/.lock}), so that a second writer fails at once
 * instead of interleaving its writes with the first one. The lock file holds the owner ("process 1234, started
 * ...") for the error message of the second writer; it stays on disk, the lock itself ends with the process (also
 * when it is killed). Renaming the directory keeps the lock.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} or fails with a user error that names the holder.
     *
     * @param what the directory as the message should call it, e.g. "run /data/run-1"
     */
    public static DirectoryLock acquire(Path dir, String what) {
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFiles.reason(e), e);
        }
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new UserError(what + " is in use by this process (it is already open for writing)");
            }
            if (l == null) {
                String holder = readHolder(ch);
                throw new UserError(what + " is in use by " + (holder.isEmpty() ? "another process" : holder)
                        + "; wait until it ends or stop it, then try again");
            }
            ProcessHandle me = ProcessHandle.current();
            String text = "process " + me.pid() + me.info().startInstant()
                    .map(i -> ", started " + i.truncatedTo(ChronoUnit.SECONDS)).orElse("") + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            DirectoryLock held = new DirectoryLock(ch, l);
            ch = null;
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFiles.reason(e), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
        }
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }


    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the channel anyway
        }
    }
}
