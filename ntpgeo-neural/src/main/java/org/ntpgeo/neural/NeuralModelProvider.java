package org.ntpgeo.neural;

import java.util.Set;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.train.ModelProvider;
import org.ntpgeo.train.TrainableModel;
import org.ntpgeo.train.TrainingOptions;

/** Registers the neural kinds (transformer, lstm, mlp) with the core trainer via {@link java.util.ServiceLoader}. */
public final class NeuralModelProvider implements ModelProvider {
    public static final Set<String> KINDS = Set.of("transformer", "lstm", "mlp");

    @Override
    public Set<String> kinds() {
        return KINDS;
    }

    @Override
    public TrainableModel create(String kind, NtpDataset data, TrainingOptions options) {
        return new NeuralModel(kind, data, options);
    }
}
