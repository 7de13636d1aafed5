package org.ntpgeo.neural;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.ntpgeo.common.UserError;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;

/**
 * The DJL PyTorch engine, loaded once per process, offline.
 *
 * <p>Natives come from the {@code pytorch-native-cpu} jar on the class path and are unpacked by DJL into its cache
 * (default {@code ~/.djl.ai}; override with the environment variable {@code DJL_CACHE_DIR}); with
 * {@code ai.djl.offline=true} nothing is downloaded. Threads: the intra-op thread count is set explicitly with
 * {@code torch.set_num_threads} on every model creation, so {@code --threads} wins over {@code OMP_NUM_THREADS}
 * (which only sets libtorch's default before that call). Inter-op threads are 1 (set before the engine starts,
 * unless {@code ai.djl.pytorch.num_interop_threads} is given).
 */
public final class TorchRuntime {
    private static Engine engine;

    private TorchRuntime() {}

    /** The PyTorch engine with {@code threads} intra-op threads (threads < 1 keeps the current setting). */
    public static synchronized Engine engine(int threads) {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
            if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            // Start the native BLAS of org.ntpgeo.linalg first: its initialisation changes the last bits of
            // libtorch's float32 results when it happens mid-run (loss() uses it), which broke same-seed equality
            // between the first and later models of a process.
            Blas.multiply(Matrix.identity(1), Matrix.identity(1));
            try {
                engine = Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                throw new UserError("cannot start the PyTorch engine of DJL (" + e.getMessage() + "); its natives are "
                        + "unpacked into ~/.djl.ai or $DJL_CACHE_DIR, which must be writable", e);
            }
        }
        if (threads > 0 && JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
        return engine;
    }

    /** Current intra-op thread count of libtorch. */
    public static int threads() {
        engine(0);
        return JniUtils.getNumThreads();
    }
}
