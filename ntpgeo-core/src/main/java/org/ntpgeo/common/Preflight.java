package org.ntpgeo.common;

import java.util.Locale;

/**
 * Checks before a large allocation: sizes multiplied with overflow checks, and an estimate of the bytes needed
 * compared with what the Java heap can still give. Both fail with a one-line {@link UserError} that names the
 * size, the limit and what to change, instead of an ArithmeticException, a negative array size or an
 * OutOfMemoryError deep inside a computation.
 */
public final class Preflight {
    private Preflight() {}

    /** {@code a * b}, or a UserError saying that {@code what} is too large. */
    public static long product(String what, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new UserError(what + " is too large: " + a + " x " + b + " exceeds 2^63-1");
        }
    }

    /** The sum of non-negative sizes, or a UserError saying that {@code what} is too large. */
    public static long sum(String what, long... sizes) {
        long total = 0;
        for (long x : sizes) {
            total += x;
            if (total < 0) throw new UserError(what + " is too large: its size exceeds 2^63-1");
        }
        return total;
    }

    /** {@code n} as an int array length, or a UserError saying that {@code what} needs more entries than Java allows. */
    public static int arrayLength(String what, long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new UserError(what + " needs " + n + " entries, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        return (int) n;
    }

    /** The heap this JVM may still allocate: the maximum heap minus what is in use now. */
    public static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuse when about {@code bytes} (an estimate, >= 0) do not fit in {@link #availableHeap()}; {@code smaller}
     * says which input to make smaller (e.g. "use fewer contexts").
     */
    public static void requireHeap(String what, long bytes, String smaller) {
        long available = availableHeap();
        if (bytes > available) {
            long suggest = Math.max(1, (long) Math.ceil((bytes + (Runtime.getRuntime().maxMemory() - available)) * 1.25 / (1L << 30)));
            throw new UserError(what + " needs about " + human(bytes) + " of memory, more than the " + human(available)
                    + " this Java process can still allocate; " + smaller + ", or give Java more heap (-Xmx" + suggest + "g)");
        }
    }

    /** Bytes for people: 512 B, 3.2 MB, 61.0 GB, 8.0 EB (decimal units). */
    public static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
