package org.ntpgeo.reproduce;

import java.util.Set;
import java.util.TreeSet;
import org.ntpgeo.train.ModelProvider;

/** The model kinds that some {@link ModelProvider} on the class path offers (ServiceLoader). */
public final class ModelAvailability {
    private ModelAvailability() {}

    public static Set<String> kinds() {
        Set<String> k = new TreeSet<>();
        for (ModelProvider p : java.util.ServiceLoader.load(ModelProvider.class, ModelAvailability.class.getClassLoader())) {
            k.addAll(p.kinds());
        }
        return k;
    }

    public static boolean neural() {
        return kinds().contains("transformer");
    }
}
