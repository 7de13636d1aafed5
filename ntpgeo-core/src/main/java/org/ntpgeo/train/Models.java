package org.ntpgeo.train;

import java.util.ServiceLoader;
import java.util.TreeSet;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;

/** Finds the {@link ModelProvider} of a model kind through {@link ServiceLoader}. */
public final class Models {
    private Models() {}

    public static TrainableModel create(String kind, NtpDataset data, TrainingOptions options) {
        TreeSet<String> known = new TreeSet<>();
        for (ModelProvider p : ServiceLoader.load(ModelProvider.class, Models.class.getClassLoader())) {
            if (p.kinds().contains(kind)) return p.create(kind, data, options);
            known.addAll(p.kinds());
        }
        throw new UserError("unknown --model '" + kind + "'; available here: " + String.join(", ", known)
                + (known.contains("transformer") ? "" : " (the neural models need module ntpgeo-neural on the class path)"));
    }
}
