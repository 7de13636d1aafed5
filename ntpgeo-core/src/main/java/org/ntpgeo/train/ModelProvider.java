package org.ntpgeo.train;

import java.util.Set;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.data.NtpDataset;

/**
 * Offers models of some kinds: their names, defaults, validation, memory estimate and construction, so that a new
 * model touches only its own module. Found with {@link java.util.ServiceLoader} (META-INF/services), so the neural
 * models of module ntpgeo-neural plug in without the core depending on a deep-learning engine.
 */
public interface ModelProvider {
    /** The kinds this provider creates (lower case, e.g. "ufm"). */
    Set<String> kinds();

    /** The defaults of {@code kind}, and which hyper-parameters it uses (null = not used). */
    ModelDefaults defaults(String kind);

    /**
     * Checks what is specific to the kind (the common fields are already valid); throws
     * {@link org.ntpgeo.common.OptionError}s that name the offending field.
     */
    void validate(TrainingOptions options);

    /**
     * The large buffers the model will allocate for {@code data} (parameters, gradients, optimiser state, engine
     * tensors); sizes are overflow-checked ({@link Preflight}). The trainer adds what checkpoints cost.
     */
    Preflight.Estimate memory(NtpDataset data, TrainingOptions options);

    /** A model of {@code options.model()} initialised from {@code options.seed()}. */
    TrainableModel create(NtpDataset data, TrainingOptions options);
}
