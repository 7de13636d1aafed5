package org.ntpgeo.train;

import java.util.Set;
import org.ntpgeo.data.NtpDataset;

/** Provides the UFM (kind "ufm"), registered in core's META-INF/services. */
public final class UfmProvider implements ModelProvider {
    @Override
    public Set<String> kinds() {
        return Set.of("ufm");
    }

    @Override
    public TrainableModel create(String kind, NtpDataset data, TrainingOptions options) {
        return new UfmModel(data, options);
    }
}
