package org.ntpgeo.train;

import java.util.Set;
import org.ntpgeo.data.NtpDataset;

/**
 * Creates models of some kinds. Found with {@link java.util.ServiceLoader} (META-INF/services), so the neural
 * models of module ntpgeo-neural plug in without the core depending on a deep-learning engine.
 */
public interface ModelProvider {
    Set<String> kinds();

    TrainableModel create(String kind, NtpDataset data, TrainingOptions options);
}
