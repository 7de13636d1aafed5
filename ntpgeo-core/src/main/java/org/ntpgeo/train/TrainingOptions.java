package org.ntpgeo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.io.Json;

/**
 * Everything that defines a training run, validated once when built (recorded in run.json for provenance and
 * resume). Built only with {@link #builder(String)}: unset fields get the defaults of the model's
 * {@link ModelProvider} (threads, layers, heads, rope, init scale) or the common defaults below; the provider then
 * checks what is specific to its kinds. Invalid values are {@link OptionError}s naming the field
 * ({@code {learning_rate} must be ...}); a command line maps the field names to its flags.
 *
 * <p>Field names (snake_case, as in run.json): model, dim, epochs, optimizer, learning_rate, weight_decay,
 * lr_schedule, grad_clip (absent = no clipping), batch (0 = full batch), seed, dtype, threads, log_every, and the model
 * hyper-parameters layers,
 * heads, rope, init_scale, which exist only for the kinds that use them ({@link ModelDefaults}).
 */
public final class TrainingOptions {
    public static final int DEFAULT_DIM = 128;
    public static final int DEFAULT_EPOCHS = 1000;
    public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.ADAMW;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private final String model;
    private final int dim;
    private final int epochs;
    private final OptimizerKind optimizer;
    private final double learningRate;
    private final double weightDecay;
    private final LrSchedule lrSchedule;
    private final Double gradClip;
    private final int batch;
    private final long seed;
    private final Dtype dtype;
    private final int threads;
    private final LogSchedule log;
    private final Integer layers;
    private final Integer heads;
    private final Boolean rope;
    private final Double initScale;

    private TrainingOptions(Builder b, ModelDefaults d) {
        model = b.model;
        dim = or(b.dim, DEFAULT_DIM);
        epochs = or(b.epochs, DEFAULT_EPOCHS);
        optimizer = or(b.optimizer, DEFAULT_OPTIMIZER);
        learningRate = or(b.learningRate, DEFAULT_LEARNING_RATE);
        weightDecay = or(b.weightDecay, 0.0);
        lrSchedule = or(b.lrSchedule, LrSchedule.constant());
        gradClip = b.gradClip;
        batch = or(b.batch, 0);
        seed = or(b.seed, 0L);
        dtype = or(b.dtype, Dtype.FLOAT64);
        threads = or(b.threads, d.threads());
        log = or(b.log, LogSchedule.logSpaced());
        layers = hyper(b.layers, d.layers(), "layers");
        heads = hyper(b.heads, d.heads(), "heads");
        rope = hyper(b.rope, d.rope(), "rope");
        initScale = hyper(b.initScale, d.initScale(), "init_scale");
        if (dim < 1) throw new OptionError("{dim} must be >= 1, got " + dim);
        if (epochs < 0) throw new OptionError("{epochs} must be >= 0, got " + epochs);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new OptionError("{learning_rate} must be a finite number > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new OptionError("{weight_decay} must be a finite number >= 0, got " + weightDecay);
        }
        if (gradClip != null && (!(gradClip > 0) || !Double.isFinite(gradClip))) {
            throw new OptionError("{grad_clip} must be a finite number > 0 (the largest global gradient norm), got " + gradClip);
        }
        if (lrSchedule.warmup() > 0 && lrSchedule.warmup() >= epochs) {
            throw new OptionError("the {lr_schedule} " + lrSchedule + " warms up for " + lrSchedule.warmup() + " epochs, which needs more than "
                    + "that many {epochs}, got " + epochs);
        }
        if (batch < 0) throw new OptionError("{batch} must be full or a number of contexts >= 1, got " + batch);
        if (threads < 1) throw new OptionError("{threads} must be >= 1, got " + threads);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private <T> T hyper(T given, T dflt, String name) {
        if (dflt == null) {
            if (given != null) throw new OptionError("{" + name + "} does not apply to model '" + model + "'");
            return null;
        }
        return given != null ? given : dflt;
    }

    /** A builder for a run of {@code model} (a kind some {@link ModelProvider} offers, e.g. "ufm"). */
    public static Builder builder(String model) {
        return new Builder().model(model);
    }

    /** A builder with no field set (for partial option sets, e.g. what a resume asks to change). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of these options. */
    public Builder toBuilder() {
        Builder b = builder(model).dim(dim).epochs(epochs).optimizer(optimizer).learningRate(learningRate).weightDecay(weightDecay)
                .lrSchedule(lrSchedule).batch(batch).seed(seed).dtype(dtype).threads(threads).log(log);
        b.gradClip = gradClip;
        b.layers = layers;
        b.heads = heads;
        b.rope = rope;
        b.initScale = initScale;
        return b;
    }

    public String model() {
        return model;
    }

    public int dim() {
        return dim;
    }

    public int epochs() {
        return epochs;
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    public double learningRate() {
        return learningRate;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public LrSchedule lrSchedule() {
        return lrSchedule;
    }

    /**
     * The largest global L2 norm of the gradient (over all parameters) before a step; a larger gradient is scaled
     * down to it, as PyTorch's clip_grad_norm_. 0 = no clipping.
     */
    public double gradClip() {
        return gradClip == null ? 0 : gradClip;
    }

    /** Contexts per mini-batch; 0 = full batch. */
    public int batch() {
        return batch;
    }

    public long seed() {
        return seed;
    }

    public Dtype dtype() {
        return dtype;
    }

    public boolean float64() {
        return dtype == Dtype.FLOAT64;
    }

    public int threads() {
        return threads;
    }

    /** Which epochs are logged (metrics row + checkpoint). */
    public LogSchedule log() {
        return log;
    }

    /** Layers of the model, 0 when the kind has no such hyper-parameter. */
    public int layers() {
        return layers == null ? 0 : layers;
    }

    /** Attention heads, 0 when the kind has none. */
    public int heads() {
        return heads == null ? 0 : heads;
    }

    /** Rotary positional encoding (false when the kind has no such option). */
    public boolean rope() {
        return rope != null && rope;
    }

    /** Standard deviation of the initial parameters, NaN when the kind has no such option. */
    public double initScale() {
        return initScale == null ? Double.NaN : initScale;
    }

    /** The options as recorded in run.json (snake_case; hyper-parameters only when the kind uses them). */
    public ObjectNode toJson() {
        return toBuilder().toJson();
    }

    /**
     * Options recorded in run.json (snake_case, see {@link org.ntpgeo.run.RunManifest#options()}): hyper-parameters
     * the kind does not use are ignored (older runs recorded them for every kind), unknown keys too.
     */
    public static TrainingOptions fromRecorded(JsonNode json) {
        Builder b = Builder.fromJson(json);
        if (b.model == null) throw new OptionError("the recorded options name no {model}");
        ModelDefaults d = Models.provider(b.model).defaults(b.model);
        if (d.layers() == null) b.layers = null;
        if (d.heads() == null) b.heads = null;
        if (d.rope() == null) b.rope = null;
        if (d.initScale() == null) b.initScale = null;
        return b.build();
    }

    /**
     * The fields that {@code given} sets to a value other than this one's (snake_case names, in field order),
     * skipping {@code allowed}.
     */
    public List<String> differences(Builder given, List<String> allowed) {
        ObjectNode mine = toJson(), theirs = given.toJson();
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = theirs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (allowed.contains(e.getKey())) continue;
            if (!sameValue(mine.get(e.getKey()), e.getValue())) out.add(e.getKey());
        }
        return out;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingOptions t && t.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Named setters; unset fields take defaults in {@link #build()}. */
    public static final class Builder {
        private String model;
        private Integer dim;
        private Integer epochs;
        private OptimizerKind optimizer;
        private Double learningRate;
        private Double weightDecay;
        private LrSchedule lrSchedule;
        private Double gradClip;
        private Integer batch;
        private Long seed;
        private Dtype dtype;
        private Integer threads;
        private LogSchedule log;
        private Integer layers;
        private Integer heads;
        private Boolean rope;
        private Double initScale;

        private Builder() {}

        /** The model kind set so far (null when none). */
        public String model() {
            return model;
        }

        public Builder model(String model) {
            this.model = model == null ? null : model.trim().toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder lrSchedule(LrSchedule lrSchedule) {
            this.lrSchedule = lrSchedule;
            return this;
        }

        /** Clip the global gradient norm to {@code maxNorm} before each step (see {@link TrainingOptions#gradClip()}). */
        public Builder gradClip(double maxNorm) {
            this.gradClip = maxNorm;
            return this;
        }

        /** Contexts per mini-batch; 0 = full batch. */
        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder dtype(Dtype dtype) {
            this.dtype = dtype;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder log(LogSchedule log) {
            this.log = log;
            return this;
        }

        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder rope(boolean rope) {
            this.rope = rope;
            return this;
        }

        public Builder initScale(double initScale) {
            this.initScale = initScale;
            return this;
        }

        /**
         * Validates and completes the options: the model must be offered by a {@link ModelProvider} on the class
         * path, which supplies its defaults and checks its own constraints.
         */
        public TrainingOptions build() {
            if (model == null || model.isEmpty()) throw new OptionError("{model} is required");
            ModelProvider provider = Models.provider(model);
            TrainingOptions o = new TrainingOptions(this, provider.defaults(model));
            provider.validate(o);
            return o;
        }

        /** The fields set so far, snake_case keys (what {@link TrainingOptions#toJson()} writes for them). */
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            if (model != null) o.put("model", model);
            if (dim != null) o.put("dim", dim);
            if (epochs != null) o.put("epochs", epochs);
            if (optimizer != null) o.put("optimizer", optimizer.id());
            if (learningRate != null) o.put("learning_rate", learningRate);
            if (weightDecay != null) o.put("weight_decay", weightDecay);
            if (lrSchedule != null) o.put("lr_schedule", lrSchedule.toString());
            if (gradClip != null) o.put("grad_clip", gradClip);
            if (batch != null) o.put("batch", batch);
            if (seed != null) o.put("seed", seed);
            if (dtype != null) o.put("dtype", dtype.id());
            if (threads != null) o.put("threads", threads);
            if (log != null) o.put("log_every", log.toString());
            if (layers != null) o.put("layers", layers);
            if (heads != null) o.put("heads", heads);
            if (rope != null) o.put("rope", rope);
            if (initScale != null) o.put("init_scale", initScale);
            return o;
        }

        /** A builder with the fields present in {@code json} (snake_case); wrongly typed values are option errors. */
        public static Builder fromJson(JsonNode json) {
            Builder b = new Builder();
            if (json == null || !json.isObject()) return b;
            if (json.hasNonNull("model")) b.model(json.get("model").asText());
            if (json.hasNonNull("dim")) b.dim(integer(json, "dim"));
            if (json.hasNonNull("epochs")) b.epochs(integer(json, "epochs"));
            if (json.hasNonNull("optimizer")) b.optimizer(OptimizerKind.parse(json.get("optimizer").asText()));
            if (json.hasNonNull("learning_rate")) b.learningRate(number(json, "learning_rate"));
            if (json.hasNonNull("weight_decay")) b.weightDecay(number(json, "weight_decay"));
            if (json.hasNonNull("lr_schedule")) b.lrSchedule(LrSchedule.parse(json.get("lr_schedule").asText()));
            if (json.hasNonNull("grad_clip")) b.gradClip(number(json, "grad_clip"));
            if (json.hasNonNull("batch")) b.batch(integer(json, "batch"));
            if (json.hasNonNull("seed")) {
                if (!json.get("seed").canConvertToLong()) throw new OptionError("{seed} must be an integer, got " + json.get("seed"));
                b.seed(json.get("seed").asLong());
            }
            if (json.hasNonNull("dtype")) b.dtype(Dtype.parse(json.get("dtype").asText()));
            if (json.hasNonNull("threads")) b.threads(integer(json, "threads"));
            if (json.hasNonNull("log_every")) b.log(LogSchedule.parse(json.get("log_every").asText()));
            if (json.hasNonNull("layers")) b.layers(integer(json, "layers"));
            if (json.hasNonNull("heads")) b.heads(integer(json, "heads"));
            if (json.hasNonNull("rope")) b.rope(json.get("rope").asBoolean());
            if (json.hasNonNull("init_scale")) b.initScale(number(json, "init_scale"));
            return b;
        }

        private static int integer(JsonNode json, String key) {
            JsonNode v = json.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new OptionError("{" + key + "} must be an integer, got " + v);
            return v.asInt();
        }

        private static double number(JsonNode json, String key) {
            JsonNode v = json.get(key);
            if (!v.isNumber()) throw new OptionError("{" + key + "} must be a number, got " + v);
            return v.asDouble();
        }

        @Override
        public String toString() {
            return Objects.toString(toJson());
        }
    }
}
