package org.ntpgeo.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ntpgeo.io.AtomicFiles;

/**
 * What Ctrl-C and SIGTERM do (the command line owns the process; the library installs no hooks). One JVM shutdown
 * hook: a command that can stop cleanly (train) is asked to stop and given time to save its state and print its last
 * line; then every staging directory that is not committed is deleted, so an interrupted command leaves no
 * {@code .OUT.staging-*} debris. Installed by {@link Ntpgeo#main} only (tests run commands in-process without it).
 */
final class Interrupts {
    /** How long a stopping command may take to save its state. */
    static final long GRACE_SECONDS = 120;
    private static volatile Runnable stopper;
    private static final CountDownLatch FINISHED = new CountDownLatch(1);

    private Interrupts() {}

    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Runnable s = stopper;
            if (s != null) {
                s.run();
                try {
                    FINISHED.await(GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicFiles.abortStagedDirectories();
        }, "ntpgeo-interrupt"));
    }

    /** Registers how the running command stops cleanly (called by the command before its long work). */
    static void onStop(Runnable stop) {
        stopper = stop;
    }

    /** The command has returned and printed everything: the hook may proceed. */
    static void finished() {
        FINISHED.countDown();
    }
}
