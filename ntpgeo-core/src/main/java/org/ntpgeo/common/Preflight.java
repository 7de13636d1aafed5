package org.ntpgeo.common;

import java.util.Locale;

/**
 * Checks before a large allocation, so that a task too large for this JVM stops at once with a one-line
 * {@link UserError} (the size, the limit and the fix) instead of an overflow, a negative array size or an
 * OutOfMemoryError after minutes of work: exact 64-bit size arithmetic, and an estimate of the heap a task needs
 * compared with {@link Runtime#maxMemory()}. Kept small; the method names follow the general preflight of the
 * training and solver commands.
 */
public final class Preflight {
    /** The longest Java array that every JVM allocates. */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Preflight() {}

    /** The exact product of {@code factors} (each >= 0); {@code what} names it in the error when it overflows. */
    public static long multiply(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) throw new UserError(what + " has a negative size factor " + f);
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                throw new UserError(what + " overflows 64-bit integers");
            }
        }
        return p;
    }

    /** The product of {@code factors} as the length of one Java array, or a user error when it does not fit. */
    public static int arrayLength(String what, long... factors) {
        long n = multiply(what, factors);
        if (n > MAX_ARRAY_LENGTH) throw new UserError(what + " has " + n + " entries; one Java array holds at most " + MAX_ARRAY_LENGTH);
        return (int) n;
    }

    /** "1.5 GiB", "320 MiB", "12 KiB". */
    public static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f KiB", Math.ceil(n / 1024.0));
    }

    /** A new heap estimate for {@code task}; {@code fix} is the way out besides more heap (e.g. "fewer contexts"). */
    public static Estimate estimate(String task, String fix) {
        return new Estimate(task, fix);
    }

    /** The large buffers of a task on the Java heap, added with overflow checks. */
    public static final class Estimate {
        private final String task;
        private final String fix;
        private long heap;

        private Estimate(String task, String fix) {
            this.task = task;
            this.fix = fix;
        }

        /** Heap bytes of one part of the task. */
        public Estimate heap(String what, long bytes) {
            if (bytes < 0 || heap + bytes < 0) throw new UserError(task + " needs more than 2^63 bytes (" + what + ")");
            heap += bytes;
            return this;
        }

        public long heapBytes() {
            return heap;
        }

        /** Refuse the task when its heap estimate is above this JVM's heap limit. */
        public void check() {
            long limit = Runtime.getRuntime().maxMemory();
            if (heap > limit) {
                long gib = ((long) (heap * 1.25) + (512L << 20) + (1L << 30) - 1) >> 30;
                throw new UserError(String.format(Locale.ROOT, "%s needs at least %s of Java heap but the heap limit is %s; "
                        + "rerun with JAVA_OPTS=-Xmx%dg, or use %s", task, bytes(heap), bytes(limit), gib, fix));
            }
        }
    }
}
