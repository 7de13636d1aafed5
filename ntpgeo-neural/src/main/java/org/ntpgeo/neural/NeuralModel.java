package org.ntpgeo.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Blas;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.CrossEntropy;
import org.ntpgeo.train.ReportsEpochLoss;
import org.ntpgeo.train.TrainableModel;
import org.ntpgeo.train.TrainingOptions;

/**
 * A neural language model (transformer, LSTM or MLP encoder + bias-free output layer W) trained on the exact NTP
 * objective sum_j pi_j CE(p_j, softmax(W h_j)) over the distinct contexts, with soft labels: the target of context
 * j is the dense row c[., j] / n = pi_j p_j, so the loss is -sum_{j,z} (c[z,j]/n) log softmax(W h_j)[z].
 *
 * <p>Mini-batches ({@code batch > 0}): each epoch visits the contexts in a permutation drawn from
 * {@code SplittableRandom(seed + epoch)} (no RNG state to checkpoint), and a batch B minimises
 * (m / |B|) sum_{j in B} pi_j CE_j, an unbiased estimate of the full loss, so step sizes compare across batch sizes.
 */
public final class NeuralModel implements TrainableModel, ReportsEpochLoss {
    private static final int EVAL_CHUNK = 4096;
    /** Default contexts per gradient chunk: bounds activation memory of full-batch steps on large datasets. */
    static final int DEFAULT_CHUNK = 4096;

    private final NeuralKind kind;
    private final NtpDataset data;
    private final TrainingOptions options;
    private final Engine engine;
    private final NDManager root;
    private final DataType dtype;
    private final ParameterSet params;
    private final ContextEncoder encoder;
    private final NDArray output;
    private final Optimizer optimizer;
    private final long[] tokenIds;
    private final int width;
    private final NDArray allTokens;
    private final NDArray allTargets;
    private final List<NDArray> resident;
    private boolean closed;
    private double lastEpochLoss = Double.NaN;
    private int chunkContexts = DEFAULT_CHUNK;
    /** Runs between each forward pass and its backward pass (tests: collect garbage there). */
    private Runnable beforeBackward = () -> {};

    /** A model for validated options (see {@link NeuralModelProvider#validate}). */
    NeuralModel(NtpDataset data, TrainingOptions o) {
        this.kind = NeuralKind.of(o.model());
        this.data = data;
        this.options = o;
        width = data.contextWidth();
        int[] flat = data.contextTokensFlat();
        if (flat == null || width < 1) {
            throw new OptionError("{model} " + kind.id() + " needs the input tokens of each context, but this dataset has none "
                    + "(a synthetic set?); build the dataset from a corpus with 'ntpgeo data build', or use {model} ufm");
        }
        int inputVocab = data.vocabSize();
        tokenIds = new long[flat.length];
        for (int i = 0; i < flat.length; i++) {
            if (flat[i] < 0) throw new UserError("dataset has a negative context-token id " + flat[i]);
            inputVocab = Math.max(inputVocab, flat[i] + 1);
            tokenIds[i] = flat[i];
        }
        engine = TorchRuntime.engine(o.threads());
        JniUtils.setGradMode(false);
        dtype = o.float64() ? DataType.FLOAT64 : DataType.FLOAT32;
        root = engine.newBaseManager();
        boolean ok = false;
        try {
            params = new ParameterSet(root, dtype, o.seed());
            encoder = switch (kind) {
                case TRANSFORMER -> new DecoderEncoder(params, root, inputVocab, width, o.dim(), o.layers(), o.heads(), o.rope());
                case LSTM -> new LstmEncoder(params, inputVocab, o.dim(), o.layers());
                case MLP -> new MlpEncoder(params, inputVocab, width, o.dim(), o.layers());
            };
            output = params.normal("output", DecoderEncoder.INIT_STD, data.vocabSize(), o.dim());
            optimizer = new Optimizer(o.optimizer(), o.weightDecay(), params, root);
            int m = data.contextCount();
            allTokens = Tensors.create(root, tokenIds, new Shape(m, width));
            allTargets = Tensors.create(root, targets(null), new Shape(m, data.vocabSize()), dtype);
            resident = List.copyOf(root.getManagedArrays());
            ok = true;
        } finally {
            if (!ok) root.close();
        }
    }

    /** Dense targets c[z,j]/n for the contexts {@code idx} (all when null), row-major |idx| x V. */
    private double[] targets(int[] idx) {
        int v = data.vocabSize();
        int rows = idx == null ? data.contextCount() : idx.length;
        double[] t = new double[rows * v];
        double n = data.pairCount();
        for (int r = 0; r < rows; r++) {
            int j = idx == null ? r : idx[r];
            for (int k = data.start(j); k < data.end(j); k++) t[r * v + data.token(k)] = data.count(k) / n;
        }
        return t;
    }

    @Override
    public String kind() {
        return kind.id();
    }

    @Override
    public int dim() {
        return options.dim();
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return params.size();
    }

    /** Data type of the engine arithmetic (float32 or float64). */
    public DataType dataType() {
        return dtype;
    }

    @Override
    public void trainEpoch(int epoch, double learningRate) {
        ensureOpen();
        TorchRuntime.engine(options.threads());
        int m = data.contextCount();
        int b = options.batch();
        if (b == 0 || b >= m) {
            lastEpochLoss = step(null, learningRate);
            return;
        }
        int[] order = permutation(m, options.seed() + epoch);
        double sum = 0;
        for (int s = 0; s < m; s += b) {
            sum += step(java.util.Arrays.copyOfRange(order, s, Math.min(m, s + b)), learningRate);
        }
        lastEpochLoss = sum;
    }

    /**
     * Full batch: the NTP loss before the last step; mini-batches: the sum over the epoch's batches of
     * sum_{j in B} pi_j CE_j (unscaled, each at the parameters before its step).
     */
    @Override
    public double lastEpochLoss() {
        return lastEpochLoss;
    }

    static int[] permutation(int m, long seed) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) p[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = m - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /**
     * One optimiser step on the contexts {@code idx} (all when null); returns their unscaled loss before it. The
     * gradient is accumulated over chunks of at most {@link #chunkContexts} contexts (libtorch adds gradients up),
     * so a full-batch step on a large dataset needs bounded memory; the result equals the unchunked gradient up to
     * the order of floating-point sums.
     */
    private double step(int[] idx, double lr) {
        int m = data.contextCount();
        int rows = idx == null ? m : idx.length;
        double scale = idx == null ? 1 : (double) m / rows;
        double value = 0;
        try (NDManager sub = root.newSubManager()) {
            for (NDArray a : resident) a.tempAttach(sub);
            // grad mode is thread-local in libtorch and on by default: switch it off so the collector restores
            // "off" and the in-place optimiser updates are not recorded
            JniUtils.setGradMode(false);
            for (int s = 0; s < rows; s += chunkContexts) {
                int e = Math.min(rows, s + chunkContexts);
                try (NDManager chunk = sub.newSubManager()) {
                    NDArray tokens = allTokens;
                    NDArray targets = allTargets;
                    if (idx != null || rows > chunkContexts) {
                        int[] part = new int[e - s];
                        for (int r = 0; r < part.length; r++) part[r] = idx == null ? s + r : idx[s + r];
                        long[] t = new long[part.length * width];
                        for (int r = 0; r < part.length; r++) System.arraycopy(tokenIds, part[r] * width, t, r * width, width);
                        tokens = Tensors.create(chunk, t, new Shape(part.length, width));
                        targets = Tensors.create(chunk, targets(part), new Shape(part.length, data.vocabSize()), dtype);
                    }
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray loss = batchLoss(tokens, targets);
                        // not loss.mul(scale): DJL would leave autograd that scalar in freed memory (see Tensors)
                        NDArray objective = scale == 1 ? loss : loss.mul(Tensors.scalar(chunk, scale, dtype));
                        beforeBackward.run();
                        collector.backward(objective);
                        value += Tensors.toDoubles(loss)[0];
                    }
                }
            }
            optimizer.step(lr);
        }
        return value;
    }

    /** Contexts per gradient chunk (tests lower it to compare chunked and whole-batch steps). */
    void setChunkContexts(int contexts) {
        if (contexts < 1) throw new IllegalArgumentException("chunk must be >= 1");
        chunkContexts = contexts;
    }

    /** Test hook run between each forward and backward pass of {@link #trainEpoch}. */
    void setBeforeBackward(Runnable hook) {
        beforeBackward = hook;
    }

    /** -sum (targets * log softmax(H W^T)) for one batch, in the engine. */
    private NDArray batchLoss(NDArray tokens, NDArray targets) {
        NDArray h = encoder.encode(tokens);
        NDArray logp = h.matMul(output.transpose()).logSoftmax(1);
        return logp.mul(targets).sum().neg();
    }

    /** The full-data NTP loss computed inside the engine in its data type (tests compare it with {@link #loss()}). */
    double engineLoss() {
        ensureOpen();
        JniUtils.setGradMode(false);
        try (NDManager sub = root.newSubManager()) {
            for (NDArray a : resident) a.tempAttach(sub);
            return Tensors.toDoubles(batchLoss(allTokens, allTargets))[0];
        }
    }

    /**
     * Gradient of the full-data loss with respect to the named parameter (row-major values), by the engine's
     * autograd; leaves no gradient behind.
     */
    double[] engineGradient(String name) {
        ensureOpen();
        NDArray p = parameter(name);
        try (NDManager sub = root.newSubManager()) {
            for (NDArray a : resident) a.tempAttach(sub);
            JniUtils.setGradMode(false);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(batchLoss(allTokens, allTargets));
            }
            double[] g = Tensors.toDoubles(p.getGradient());
            for (ParameterSet.Entry e : params.entries()) JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) e.array());
            return g;
        }
    }

    /** Parameter names in declaration order. */
    List<String> parameterNames() {
        return params.entries().stream().map(ParameterSet.Entry::name).toList();
    }

    double[] parameterValues(String name) {
        return Tensors.toDoubles(parameter(name));
    }

    void setParameterValues(String name, double[] values) {
        JniUtils.setGradMode(false);
        Tensors.assign(parameter(name), values);
    }

    private NDArray parameter(String name) {
        for (ParameterSet.Entry e : params.entries()) if (e.name().equals(name)) return e.array();
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** Logits of the engine, V x m float64 (column j = W h_j computed by the engine, for the L = W H test). */
    Matrix engineLogits() {
        ensureOpen();
        JniUtils.setGradMode(false);
        try (NDManager sub = root.newSubManager()) {
            for (NDArray a : resident) a.tempAttach(sub);
            NDArray logits = encoder.encode(allTokens).matMul(output.transpose()); // m x V row-major = V x m col-major
            return new Matrix(data.vocabSize(), data.contextCount(), Tensors.toDoubles(logits));
        }
    }

    @Override
    public double loss() {
        Matrix w = wordEmbeddings();
        Matrix h = contextEmbeddings();
        Matrix l = Blas.multiply(w, h);
        return CrossEntropy.value(data, l); // CE(L) of theory.md in float64, stable log-sum-exp
    }

    @Override
    public Matrix wordEmbeddings() {
        ensureOpen();
        int v = data.vocabSize();
        int d = options.dim();
        double[] rowMajor = Tensors.toDoubles(output);
        Matrix w = new Matrix(v, d);
        for (int i = 0; i < v; i++) for (int k = 0; k < d; k++) w.data[i + k * v] = rowMajor[i * d + k];
        return w;
    }

    @Override
    public Matrix contextEmbeddings() {
        ensureOpen();
        int m = data.contextCount();
        int d = options.dim();
        double[] h = new double[m * d]; // row-major m x d == column-major d x m
        JniUtils.setGradMode(false);
        for (int s = 0; s < m; s += EVAL_CHUNK) {
            int e = Math.min(m, s + EVAL_CHUNK);
            try (NDManager sub = root.newSubManager()) {
                for (NDArray a : resident) a.tempAttach(sub);
                long[] t = java.util.Arrays.copyOfRange(tokenIds, s * width, e * width);
                double[] chunk = Tensors.toDoubles(encoder.encode(Tensors.create(sub, t, new Shape(e - s, width))));
                System.arraycopy(chunk, 0, h, s * d, chunk.length);
            }
        }
        return new Matrix(d, m, h);
    }

    @Override
    public void saveState(Path file) {
        ensureOpen();
        ModelStateFile.save(file, stateTag(), params, optimizer);
    }

    @Override
    public void loadState(Path file) {
        ensureOpen();
        JniUtils.setGradMode(false);
        ModelStateFile.load(file, stateTag(), params, optimizer);
    }

    /** Identifies compatible state files: kind, dtype and optimiser must match. */
    private String[] stateTag() {
        return new String[] {kind.id(), options.dtype().id(), options.optimizer().id()};
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("model is closed");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
