package org.ntpgeo.train;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.data.NtpDataset;

/** Finds the {@link ModelProvider} of a model kind through {@link ServiceLoader}. */
public final class Models {
    private Models() {}

    private static Iterable<ModelProvider> providers() {
        return ServiceLoader.load(ModelProvider.class, Models.class.getClassLoader());
    }

    /** The provider of {@code kind}; an option error listing the available kinds when none offers it. */
    public static ModelProvider provider(String kind) {
        for (ModelProvider p : providers()) if (p.kinds().contains(kind)) return p;
        throw new OptionError("unknown {model} '" + kind + "'; available here: " + String.join(", ", kinds())
                + " (other kinds come with their module on the class path, e.g. ntpgeo-neural)");
    }

    /** Every kind offered on the class path, sorted. */
    public static Set<String> kinds() {
        TreeSet<String> known = new TreeSet<>();
        for (ModelProvider p : providers()) known.addAll(p.kinds());
        return known;
    }

    /** A model for validated options (see {@link TrainingOptions.Builder#build()}). */
    public static TrainableModel create(NtpDataset data, TrainingOptions options) {
        return provider(options.model()).create(data, options);
    }
}
