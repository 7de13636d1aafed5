package org.ntpgeo.linalg;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Loads the bundled OpenBLAS (bytedeco) once and sets its thread count. Threads default to the number of
 * cores, or {@code NTPGEO_BLAS_THREADS} / {@link #setThreads} when given; {@link BlasThreads} changes the count for a
 * scope and restores it. OpenBLAS picks its kernel for the CPU at load time ({@code OPENBLAS_CORETYPE} forces one);
 * a multithreaded call may round differently from a single-threaded one, which is why UFM training runs its products
 * as {@link FixedBlockGemm}.
 */
public final class NativeBlas {
    private static volatile boolean loaded;

    private NativeBlas() {}

    static void ensureLoaded() {
        if (loaded) return;
        synchronized (NativeBlas.class) {
            if (loaded) return;
            org.bytedeco.javacpp.Loader.load(openblas.class);
            String env = System.getenv("NTPGEO_BLAS_THREADS");
            int threads = env != null ? Integer.parseInt(env.trim()) : Runtime.getRuntime().availableProcessors();
            openblas_nolapack.blas_set_num_threads(threads);
            loaded = true;
        }
    }

    public static void setThreads(int threads) {
        ensureLoaded();
        openblas_nolapack.blas_set_num_threads(Math.max(1, threads));
    }

    public static int threads() {
        ensureLoaded();
        return openblas_nolapack.blas_get_num_threads();
    }

    /** OpenBLAS build and the kernel it chose for this CPU (for benchmark reports). */
    public static String config() {
        ensureLoaded();
        return "OpenBLAS (bytedeco " + openblas.class.getPackage().getImplementationVersion() + ") threads=" + threads()
                + " vendor=" + openblas_nolapack.blas_get_vendor();
    }
}
