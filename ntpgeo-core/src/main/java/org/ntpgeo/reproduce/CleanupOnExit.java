package org.ntpgeo.reproduce;

import java.nio.file.Path;
import org.ntpgeo.io.AtomicFiles;

/**
 * Deletes a staging directory when the JVM is stopped (Ctrl-C, SIGTERM) before the output was committed, so an
 * interrupted reproduction leaves nothing behind. {@link #disarm()} before committing; {@link #close()} removes
 * the hook.
 */
final class CleanupOnExit implements AutoCloseable {
    private final Thread hook;
    private volatile boolean armed = true;

    CleanupOnExit(Path staging) {
        hook = new Thread(() -> {
            if (armed) AtomicFiles.deleteTree(staging);
        }, "ntpgeo-reproduce-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void disarm() {
        armed = false;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down; the hook runs (or ran) on its own
        }
    }
}
