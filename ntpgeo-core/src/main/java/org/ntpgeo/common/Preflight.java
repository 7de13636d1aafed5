package org.ntpgeo.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Size and memory checks before large allocations, so that a task too large for this JVM stops at once with a
 * message instead of an {@link OutOfMemoryError} or an integer overflow after minutes of work.
 *
 * <p>Sizes: {@link #multiply} is exact 64-bit arithmetic, {@link #arrayLength} also checks that the product fits
 * one Java array. Memory: an {@link Estimate} adds up the large buffers of a task (Java heap and native memory
 * separately) and {@link Estimate#check} refuses it when the heap part is above {@link Runtime#maxMemory()} or the
 * total is above the machine's physical memory. The estimate counts the big arrays only (it is a lower bound of the
 * real use), so a task it lets through can still run out of memory; the command line turns that into a one-line
 * error too.
 */
public final class Preflight {
    /** The longest Java array that every JVM allocates (a few header words below {@code Integer.MAX_VALUE}). */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final long GIB = 1L << 30;

    private Preflight() {}

    /** The exact product of {@code factors}; {@code what} names it in the error when it overflows 64 bits. */
    public static long multiply(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) throw new ResourceLimitException(what + " has a negative size factor " + f);
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                throw new ResourceLimitException(what + " (" + product(factors) + ") overflows 64-bit integers");
            }
        }
        return p;
    }

    /** The product of {@code factors} as the length of one Java array; a user error when it does not fit. */
    public static int arrayLength(String what, long... factors) {
        long n = multiply(what, factors);
        if (n > MAX_ARRAY_LENGTH) {
            throw new ResourceLimitException(what + " has " + product(factors) + " = " + n + " entries; one Java array holds at most "
                    + MAX_ARRAY_LENGTH + " (2^31 - 9)");
        }
        return (int) n;
    }

    /**
     * Checks that a dense {@code rows x cols} matrix that {@code task} needs fits one Java array.
     *
     * @param fix what to do instead, e.g. "use a smaller dataset"
     */
    public static void denseMatrix(String task, String name, long rows, long cols, String fix) {
        long n = multiply(task + ": " + name, rows, cols);
        if (n > MAX_ARRAY_LENGTH) {
            throw new ResourceLimitException(task + " works on a dense " + name + " matrix, and " + rows + " x " + cols + " = " + n
                    + " entries exceed the " + MAX_ARRAY_LENGTH + " (2^31 - 9) of one Java array; " + fix);
        }
    }

    private static String product(long... factors) {
        StringBuilder b = new StringBuilder();
        for (long f : factors) b.append(b.length() == 0 ? "" : " x ").append(f);
        return b.toString();
    }

    /** "1.5 GiB", "320 MiB", "12 KiB". */
    public static String bytes(long n) {
        if (n >= GIB) return String.format(Locale.ROOT, "%.1f GiB", n / (double) GIB);
        if (n >= 1L << 20) return String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f KiB", Math.ceil(n / 1024.0));
    }

    /** Physical memory of the machine in bytes, or {@code Long.MAX_VALUE} when the JVM does not tell. */
    public static long physicalMemory() {
        try {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long total = os.getTotalMemorySize();
                if (total > 0) return total;
            }
        } catch (RuntimeException | LinkageError ignored) {
            // not a HotSpot-like JVM
        }
        return Long.MAX_VALUE;
    }

    /**
     * A new estimate for the task named {@code task} (e.g. "train", "solve svm").
     *
     * @param fix the other way out besides more heap, e.g. "a smaller {dim}" ({@code {name}} placeholders name
     *            options, see {@link OptionError})
     */
    public static Estimate estimate(String task, String fix) {
        return new Estimate(task, fix);
    }

    /** The large buffers of one task, Java heap and native memory apart. Sizes are checked for overflow as they are added. */
    public static final class Estimate {
        private record Part(String what, long bytes, boolean heap) {}

        private final String task;
        private final String fix;
        private final List<Part> parts = new ArrayList<>();

        private Estimate(String task, String fix) {
            this.task = task;
            this.fix = fix;
        }

        /** {@code count} (the product of {@code dims}) float64 values on the Java heap; each part must fit one Java array. */
        public Estimate doubles(String what, long... dims) {
            long n = multiply(task + ": " + what, dims);
            if (n > MAX_ARRAY_LENGTH) {
                throw new ResourceLimitException(task + ": " + what + " has " + product(dims) + " = " + n + " entries, more than one Java array "
                        + "holds (2^31 - 9); use " + fix);
            }
            return heap(what, multiply(task + ": " + what, 8, n));
        }

        /** Heap bytes of a part (no array-length check: for parts made of several arrays). */
        public Estimate heap(String what, long bytes) {
            parts.add(new Part(what, bytes, true));
            return this;
        }

        /** Native (off-heap) bytes of a part, e.g. BLAS buffers or a deep-learning engine's tensors. */
        public Estimate nativeMemory(String what, long bytes) {
            parts.add(new Part(what, bytes, false));
            return this;
        }

        public long heapBytes() {
            return sum(true);
        }

        public long nativeBytes() {
            return sum(false);
        }

        private long sum(boolean heap) {
            long s = 0;
            for (Part p : parts) {
                if (p.heap == heap) {
                    try {
                        s = Math.addExact(s, p.bytes);
                    } catch (ArithmeticException e) {
                        return Long.MAX_VALUE;
                    }
                }
            }
            return s;
        }

        /** The largest parts, for the message: "W, H 1.2 GiB, logits 3.0 GiB native". */
        public String describe() {
            return describe(parts);
        }

        private static String describe(List<Part> parts) {
            List<Part> sorted = new ArrayList<>(parts);
            sorted.sort((a, b) -> Long.compare(b.bytes, a.bytes));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(3, sorted.size()); i++) {
                Part p = sorted.get(i);
                b.append(i == 0 ? "" : ", ").append(p.what).append(' ').append(bytes(p.bytes)).append(p.heap ? "" : " native");
            }
            return b.toString();
        }

        /** {@link #check(long, long)} against this JVM's heap limit and the machine's memory. */
        public void check() {
            check(Runtime.getRuntime().maxMemory(), physicalMemory());
        }

        /** Refuses the task when the heap part is above {@code heapLimit} or heap + native are above {@code physical}. */
        public void check(long heapLimit, long physical) {
            long heap = heapBytes(), total = sum(true) == Long.MAX_VALUE || nativeBytes() == Long.MAX_VALUE ? Long.MAX_VALUE
                    : heap + nativeBytes();
            if (total > physical) {
                throw new ResourceLimitException(String.format(Locale.ROOT, "%s needs at least %s of memory (%s) but this machine has %s; use %s",
                        task, bytes(total), describe(), bytes(physical), fix));
            }
            if (heap > heapLimit) {
                long suggest = Math.min(physical, (long) (heap * 1.25) + (512L << 20));
                long gib = (suggest + GIB - 1) / GIB;
                throw new ResourceLimitException(String.format(Locale.ROOT,
                        "%s needs at least %s of Java heap (%s) but the heap limit is %s; rerun with JAVA_OPTS=-Xmx%dg, or use %s",
                        task, bytes(heap), describe(parts.stream().filter(Part::heap).toList()), bytes(heapLimit), gib, fix));
            }
        }
    }
}
