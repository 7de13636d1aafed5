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
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.linalg.NativeMatrix;

/**
 * The unconstrained-features model (theory.md "Models"): free context embeddings H (d x m) and word embeddings
 * W (V x d), logits L = W H, objective
 * <pre>  J(W, H) = sum_j pi_j CE(p_j, softmax(W h_j)) + (lambda/2)(||W||_F^2 + ||H||_F^2).</pre>
 * A full-batch step is three dgemms (L = W H, grad W = G H^T + lambda W, grad H = W^T G + lambda H, with
 * G = dCE/dL from {@link NtpObjective}) and one parallel softmax pass; all buffers are allocated once.
 * Mini-batches (--batch N) take N contexts at a time in an order shuffled per epoch from (seed, epoch); the
 * batch objective is the unbiased estimate (m/N) sum_{j in B} pi_j CE_j + (lambda/2)||W||^2
 * + (lambda/2)(m/N) sum_{j in B} ||h_j||^2. Float64 only (the native dgemm); float32 is refused.
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
    // native mirrors for the full-batch products (no JNI copies of the V x m matrices)
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
        int threads = effectiveThreads(options.threads(), vocab, contexts, dim);
        NativeBlas.setThreads(threads);
        this.objective = new NtpObjective(data, threads);
        this.batch = options.batch() <= 0 || options.batch() >= contexts ? 0 : options.batch();
    }

    /** Below this many multiply-adds per product (V m d) one thread is faster: thread hand-offs cost more than they save. */
    static final long PARALLEL_WORK = 1L << 25;

    /**
     * Threads for the BLAS and the softmax pass: the requested number (default all cores) for large problems, one
     * for small ones (the authors' 104 x 404 x 128 runs 10-40x slower with two threads on a busy machine).
     */
    static int effectiveThreads(int requested, int vocab, int contexts, int dim) {
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
        NativeMatrix.gemm(false, false, 1, nativeW, nativeH, 0, nativeLogits);
        double loss = objective.evaluate(nativeLogits.buffer(), contexts, null, nativeGrad.buffer(), 1.0);
        // grad W = G H^T + lambda W, grad H = W^T G + lambda H (beta = lambda on a copy of the parameter)
        if (couplingDecay != 0) {
            nativeGradW.copyFrom(w);
            nativeGradH.copyFrom(h);
        }
        NativeMatrix.gemm(false, true, 1, nativeGrad, nativeH, couplingDecay, nativeGradW);
        NativeMatrix.gemm(true, false, 1, nativeW, nativeGrad, couplingDecay, nativeGradH);
        nativeGradW.copyTo(gW);
        nativeGradH.copyTo(gH);
        return loss;
    }

    private void ensureNative(boolean withGradient) {
        if (nativeW == null) {
            nativeW = new NativeMatrix(vocab, dim);
            nativeH = new NativeMatrix(dim, contexts);
            nativeLogits = new NativeMatrix(vocab, contexts);
        }
        if (withGradient && nativeGrad == null) {
            nativeGrad = new NativeMatrix(vocab, contexts);
            nativeGradW = new NativeMatrix(vocab, dim);
            nativeGradH = new NativeMatrix(dim, contexts);
        }
    }

    private static void scaledCopy(double[] src, double alpha, double[] dst) {
        if (alpha == 0) {
            java.util.Arrays.fill(dst, 0.0);
        } else {
            for (int k = 0; k < src.length; k++) dst[k] = alpha * src[k];
        }
    }

    // ---- mini-batches ------------------------------------------------------------------------------------

    private Matrix[] batchBuffers;
    private Matrix[] tailBuffers;

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
        Matrix[] buf = buffersFor(b);
        Matrix hb = buf[0], lb = buf[1], gb = buf[2], ghb = buf[3];
        for (int t = 0; t < b; t++) System.arraycopy(h.data, cols[t] * dim, hb.data, t * dim, dim);
        double scale = (double) contexts / b;
        Blas.gemm(false, false, 1, w, hb, 0, lb);
        double loss = objective.evaluate(lb.data, b, cols, gb.data, scale);
        scaledCopy(w.data, couplingDecay, gradW.data);
        Blas.gemm(false, true, 1, gb, hb, 1, gradW);
        scaledCopy(hb.data, couplingDecay * scale, ghb.data);
        Blas.gemm(true, false, 1, w, gb, 1, ghb);
        java.util.Arrays.fill(gradH.data, 0.0);
        for (int t = 0; t < b; t++) System.arraycopy(ghb.data, t * dim, gradH.data, cols[t] * dim, dim);
        optimizer.step(lr, new double[][] {w.data, h.data}, new double[][] {gradW.data, gradH.data});
        version++;
        return loss;
    }

    private Matrix[] buffersFor(int b) {
        // two sets: the batch size and the smaller last batch of an epoch (allocated once each)
        if (batchBuffers != null && batchBuffers[0].cols == b) return batchBuffers;
        if (tailBuffers == null || tailBuffers[0].cols != b) {
            Matrix[] fresh = {new Matrix(dim, b), new Matrix(vocab, b), new Matrix(vocab, b), new Matrix(dim, b)};
            if (b == batch) {
                batchBuffers = fresh;
            } else {
                tailBuffers = fresh;
            }
            return fresh;
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
            NativeMatrix.gemm(false, false, 1, nativeW, nativeH, 0, nativeLogits);
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
        objective.close();
        for (NativeMatrix n : new NativeMatrix[] {nativeW, nativeH, nativeLogits, nativeGrad, nativeGradW, nativeGradH}) {
            if (n != null) n.close();
        }
    }
}
