package org.ntpgeo.neural;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.train.ModelDefaults;
import org.ntpgeo.train.ModelProvider;
import org.ntpgeo.train.TrainableModel;
import org.ntpgeo.train.TrainingOptions;

/**
 * Registers the neural kinds (transformer, lstm, mlp) with the core trainer via {@link java.util.ServiceLoader},
 * with their defaults (1 thread: PyTorch's intra-op threads oversubscribe small models; layers per kind; 4 heads
 * and no RoPE for the transformer) and their checks.
 */
public final class NeuralModelProvider implements ModelProvider {
    public static final Set<String> KINDS = Arrays.stream(NeuralKind.values()).map(NeuralKind::id).collect(Collectors.toUnmodifiableSet());

    @Override
    public Set<String> kinds() {
        return KINDS;
    }

    @Override
    public ModelDefaults defaults(String kind) {
        return NeuralKind.of(kind).defaults;
    }

    @Override
    public void validate(TrainingOptions o) {
        NeuralKind kind = NeuralKind.of(o.model());
        if (o.layers() < kind.minLayers) {
            throw new OptionError("{layers} must be >= " + kind.minLayers + " for model " + kind.id() + ", got " + o.layers());
        }
        if (kind == NeuralKind.TRANSFORMER) {
            if (o.heads() < 1 || o.dim() % o.heads() != 0) throw new OptionError("{heads} " + o.heads() + " must divide {dim} " + o.dim());
            if (o.rope() && (o.dim() / o.heads()) % 2 != 0) {
                throw new OptionError("{rope} needs an even head size {dim}/{heads}, got " + o.dim() / o.heads());
            }
        }
    }

    @Override
    public Preflight.Estimate memory(NtpDataset data, TrainingOptions o) {
        NeuralKind kind = NeuralKind.of(o.model());
        long v = data.vocabSize(), m = data.contextCount(), d = o.dim(), width = Math.max(1, data.contextWidth());
        int bytes = o.dtype().bytes();
        Preflight.Estimate e = Preflight.estimate("train --model " + kind.id(), "a smaller {dim}, fewer {layers}, a smaller {batch} or a smaller dataset");
        // parameters: input embedding (about V x d), output layer V x d, encoder; plus gradients and optimiser moments
        long params = Preflight.multiply("the parameters", 2 * v, d) + kind.encoderParameters(d, o.layers(), width);
        int copies = 2 + (o.optimizer().adaptive() ? 2 : 0);
        e.nativeMemory("parameters, gradients and moments", Preflight.multiply("the parameters", params, copies, bytes));
        // dense soft-label targets (m x V) in the engine, built from one Java array
        e.doubles("targets (m x V)", m, v);
        e.nativeMemory("targets (m x V)", Preflight.multiply("the targets", m, v, bytes));
        e.heap("context tokens", Preflight.multiply("the context tokens", m, width, 8));
        // activations of one gradient chunk: about 16 tensors of chunk x width x d per layer
        long chunk = Math.min(m, o.batch() > 0 ? Math.min(o.batch(), NeuralModel.DEFAULT_CHUNK) : NeuralModel.DEFAULT_CHUNK);
        e.nativeMemory("activations", Preflight.multiply("the activations", chunk, width, d, 16L * Math.max(1, o.layers()), bytes));
        // float64 copies for checkpoints: H (d x m) and W (V x d)
        e.doubles("H (d x m)", d, m);
        e.doubles("W (V x d)", v, d);
        return e;
    }

    @Override
    public TrainableModel create(NtpDataset data, TrainingOptions options) {
        return new NeuralModel(data, options);
    }
}
