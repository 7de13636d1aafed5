package org.ntpgeo.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.BlockPool;
import org.ntpgeo.linalg.FixedBlockGemm;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeMatrix;

/**
 * The unconstrained-features model (theory.md "Models"): free context embeddings H (d x m) and word embeddings
 * W (V x d), logits L = W H, objective
 * <pre>  J(W, H) = sum_j pi_j CE(p_j, softmax(W h_j)) + (lambda/2)(||W||_F^2 + ||H||_F^2).</pre>
 * A full-batch step is three products (L = W H, grad W = G H^T + lambda W, grad H = W^T G + lambda H, with
 * G = dCE/dL from {@link NtpObjective}) and one parallel softmax pass; all buffers are allocated once.
 * Mini-batches (--batch N) take N contexts at a time in an order shuffled per epoch from (seed, epoch); the
 * batch objective is the unbiased estimate (m/N) sum_{j in B} pi_j CE_j + (lambda/2)||W||^2
 * + (lambda/2)(m/N) sum_{j in B} ||h_j||^2. Float64 only (the native dgemm); float32 is refused.
 *
 * <p>Results do not depend on the number of threads, bit for bit: the products run as {@link FixedBlockGemm}
 * (a fixed list of single-threaded OpenBLAS blocks) and the softmax pass in fixed chunks, all on one
 * {@link BlockPool}. While a model is open OpenBLAS is single-threaded process-wide ({@link #close()} restores it).
 */
public final class UfmModel implements TrainableModel, ReportsEpochLoss {
    private final TrainingOptions options;
    private final int vocab;
    private final int contexts;
    private final int dim;
    private final Matrix w;
    private final Matrix h;
    private final Matrix gradW;
    private final Matrix gradH;
    private final Optimizer optimizer;
    private final NtpObjective objective;
    private final double couplingDecay;
    private final int batch;
    private final BlockPool pool;
    private final FixedBlockGemm gemm;
    // native mirrors for the products (no JNI copies of the V x m matrices)
    private NativeMatrix nativeW;
    private NativeMatrix nativeH;
    private NativeMatrix nativeLogits;
    private NativeMatrix nativeGrad;
    private NativeMatrix nativeGradW;
    private NativeMatrix nativeGradH;
    private double lastEpochLoss = Double.NaN;
    private long version;
    private long lossVersion = -1;
    private double cachedLoss;
    private boolean closed;

    /** A UFM for validated options (see {@link UfmProvider#validate}); sizes are checked before allocating. */
    public UfmModel(NtpDataset data, TrainingOptions options) {
        this.options = options;
        this.vocab = data.vocabSize();
        this.contexts = data.contextCount();
        this.dim = options.dim();
        Preflight.arrayLength("W (V x d)", vocab, dim);
        Preflight.arrayLength("H (d x m)", dim, contexts);
        Preflight.arrayLength("the logits L = W H (V x m)", vocab, contexts);
        Random rng = new Random(options.seed());
        this.w = Matrix.gaussian(vocab, dim, options.initScale(), rng);
        this.h = Matrix.gaussian(dim, contexts, options.initScale(), rng);
        this.gradW = new Matrix(vocab, dim);
        this.gradH = new Matrix(dim, contexts);
        this.optimizer = Optimizer.create(options.optimizer(), options.weightDecay(), vocab * dim, dim * contexts);
        this.couplingDecay = optimizer.decoupledWeightDecay() ? 0.0 : options.weightDecay();
        this.batch = options.batch() <= 0 || options.batch() >= contexts ? 0 : options.batch();
        this.pool = new BlockPool(effectiveThreads(options.threads(), vocab, contexts, dim));
        this.gemm = new FixedBlockGemm(pool);
        this.objective = new NtpObjective(data, pool);
    }

    /** Below this many multiply-adds per product (V m d) one thread is faster: thread hand-offs cost more than they save. */
    static final long PARALLEL_WORK = 1L << 25;

    /**
     * Threads for the products and the softmax pass: the requested number (default all cores) for large problems,
     * one for small ones (the authors' 104 x 404 x 128 runs 10-40x slower with two threads on a busy machine).
     * Only speed depends on it, never the numbers.
     */
    public static int effectiveThreads(int requested, int vocab, int contexts, int dim) {
        int t = requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
        return (long) vocab * contexts * dim < PARALLEL_WORK ? 1 : t;
    }

    @Override
    public String kind() {
        return "ufm";
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void trainEpoch(int epoch, double learningRate) {
        if (batch == 0) {
            lastEpochLoss = objectiveAndGradient(gradW, gradH);
            optimizer.step(learningRate, new double[][] {w.data, h.data}, new double[][] {gradW.data, gradH.data});
            version++;
        } else {
            lastEpochLoss = miniBatchEpoch(epoch, learningRate);
        }
    }

    /**
     * Full-batch CE at the current parameters (returned) and the gradient of the training objective
     * (CE plus the coupled weight decay) into gW and gH.
     */
    double objectiveAndGradient(Matrix gW, Matrix gH) {
        ensureNative(true);
        nativeW.copyFrom(w);
        nativeH.copyFrom(h);
        gemm.gemm(false, false, 1, nativeW, nativeH, 0, nativeLogits);
        double loss = objective.evaluate(nativeLogits.buffer(), contexts, null, nativeGrad.buffer(), 1.0);
        // grad W = G H^T + lambda W, grad H = W^T G + lambda H (beta = lambda on a copy of the parameter)
        if (couplingDecay != 0) {
            nativeGradW.copyFrom(w);
            nativeGradH.copyFrom(h);
        }
        gemm.gemm(false, true, 1, nativeGrad, nativeH, couplingDecay, nativeGradW);
        gemm.gemm(true, false, 1, nativeW, nativeGrad, couplingDecay, nativeGradH);
        nativeGradW.copyTo(gW);
        nativeGradH.copyTo(gH);
        return loss;
    }

    private void ensureNative(boolean withGradient) {
        if (nativeW == null) nativeW = new NativeMatrix(vocab, dim);
        if (nativeH == null) nativeH = new NativeMatrix(dim, contexts);
        if (nativeLogits == null) nativeLogits = new NativeMatrix(vocab, contexts);
        if (withGradient) {
            if (nativeGrad == null) nativeGrad = new NativeMatrix(vocab, contexts);
            if (nativeGradW == null) nativeGradW = new NativeMatrix(vocab, dim);
            if (nativeGradH == null) nativeGradH = new NativeMatrix(dim, contexts);
        }
    }

    // ---- mini-batches ------------------------------------------------------------------------------------

    /** Native buffers of one batch size: H_B (d x b), L_B and G_B (V x b), grad H_B (d x b). */
    private record BatchBuffers(NativeMatrix h, NativeMatrix logits, NativeMatrix grad, NativeMatrix gradH) implements AutoCloseable {
        BatchBuffers(int vocab, int dim, int b) {
            this(new NativeMatrix(dim, b), new NativeMatrix(vocab, b), new NativeMatrix(vocab, b), new NativeMatrix(dim, b));
        }

        @Override
        public void close() {
            h.close();
            logits.close();
            grad.close();
            gradH.close();
        }
    }

    private BatchBuffers batchBuffers;
    private BatchBuffers tailBuffers;

    private double miniBatchEpoch(int epoch, double lr) {
        int[] order = shuffledContexts(epoch);
        double total = 0;
        for (int start = 0; start < contexts; start += batch) {
            int b = Math.min(batch, contexts - start);
            int[] cols = java.util.Arrays.copyOfRange(order, start, start + b);
            total += miniBatchStep(cols, lr);
        }
        return total;
    }

    /** Fisher-Yates with a generator seeded from (seed, epoch), so an epoch's order survives resume. */
    private int[] shuffledContexts(int epoch) {
        Random rng = new Random(options.seed() * 0x9E3779B97F4A7C15L + epoch);
        int[] order = new int[contexts];
        for (int j = 0; j < contexts; j++) order[j] = j;
        for (int i = contexts - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[k];
            order[k] = tmp;
        }
        return order;
    }

    private double miniBatchStep(int[] cols, double lr) {
        int b = cols.length;
        BatchBuffers buf = buffersFor(b);
        if (nativeW == null) nativeW = new NativeMatrix(vocab, dim);
        if (nativeGradW == null) nativeGradW = new NativeMatrix(vocab, dim);
        nativeW.copyFrom(w);
        gatherColumns(cols, buf.h);
        double scale = (double) contexts / b;
        gemm.gemm(false, false, 1, nativeW, buf.h, 0, buf.logits);
        double loss = objective.evaluate(buf.logits.buffer(), b, cols, buf.grad.buffer(), scale);
        // grad W = G_B H_B^T + lambda W;  grad H_B = W^T G_B + lambda (m/b) H_B (the coupled decay of the estimate)
        if (couplingDecay != 0) {
            nativeGradW.copyFrom(w);
            gatherColumns(cols, buf.gradH);
        }
        gemm.gemm(false, true, 1, buf.grad, buf.h, couplingDecay, nativeGradW);
        gemm.gemm(true, false, 1, nativeW, buf.grad, couplingDecay * scale, buf.gradH);
        nativeGradW.copyTo(gradW);
        java.util.Arrays.fill(gradH.data, 0.0);
        for (int t = 0; t < b; t++) buf.gradH.buffer().get(t * dim, gradH.data, cols[t] * dim, dim);
        optimizer.step(lr, new double[][] {w.data, h.data}, new double[][] {gradW.data, gradH.data});
        version++;
        return loss;
    }

    /** Columns {@code cols} of H into {@code target} (d x cols.length). */
    private void gatherColumns(int[] cols, NativeMatrix target) {
        for (int t = 0; t < cols.length; t++) target.buffer().put(t * dim, h.data, cols[t] * dim, dim);
    }

    private BatchBuffers buffersFor(int b) {
        // two sets: the batch size and the smaller last batch of an epoch (allocated once each)
        if (b == batch) {
            if (batchBuffers == null) batchBuffers = new BatchBuffers(vocab, dim, b);
            return batchBuffers;
        }
        if (tailBuffers == null || tailBuffers.h.cols != b) {
            if (tailBuffers != null) tailBuffers.close();
            tailBuffers = new BatchBuffers(vocab, dim, b);
        }
        return tailBuffers;
    }

    /** Live parameter W (tests perturb it); callers that change it must call {@link #parametersChanged()}. */
    Matrix w() {
        return w;
    }

    Matrix h() {
        return h;
    }

    void parametersChanged() {
        version++;
    }

    // ---- TrainableModel -----------------------------------------------------------------------------------

    /** Fixed blocks and fixed softmax chunks: see the class comment and docs/TRAINING.md. */
    @Override
    public boolean threadCountIndependent() {
        return true;
    }

    @Override
    public double lastEpochLoss() {
        return lastEpochLoss;
    }

    @Override
    public double loss() {
        if (lossVersion != version) {
            ensureNative(false);
            nativeW.copyFrom(w);
            nativeH.copyFrom(h);
            gemm.gemm(false, false, 1, nativeW, nativeH, 0, nativeLogits);
            cachedLoss = objective.evaluate(nativeLogits.buffer(), contexts, null, null, 1.0);
            lossVersion = version;
        }
        return cachedLoss;
    }

    @Override
    public Matrix wordEmbeddings() {
        return w.copy();
    }

    @Override
    public Matrix contextEmbeddings() {
        return h.copy();
    }

    @Override
    public void saveState(Path file) {
        Map<String, NdArray> s = new LinkedHashMap<>();
        s.put("W", NdArray.ofColumnMajor(w.data, vocab, dim));
        s.put("H", NdArray.ofColumnMajor(h.data, dim, contexts));
        s.putAll(optimizer.state());
        Npz.write(file, s);
    }

    @Override
    public void loadState(Path file) {
        Map<String, NdArray> s = Npz.read(file);
        double[] ws = s.get("W").asColumnMajor();
        double[] hs = s.get("H").asColumnMajor();
        if (ws.length != w.data.length || hs.length != h.data.length) {
            throw new UserError("saved UFM state " + file + " does not match V=" + vocab + ", m=" + contexts + ", d=" + dim);
        }
        System.arraycopy(ws, 0, w.data, 0, ws.length);
        System.arraycopy(hs, 0, h.data, 0, hs.length);
        optimizer.loadState(s);
        version++;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        objective.close();
        gemm.close();
        pool.close();
        for (NativeMatrix n : new NativeMatrix[] {nativeW, nativeH, nativeLogits, nativeGrad, nativeGradW, nativeGradH}) {
            if (n != null) n.close();
        }
        for (BatchBuffers b : new BatchBuffers[] {batchBuffers, tailBuffers}) {
            if (b != null) b.close();
        }
    }
}
