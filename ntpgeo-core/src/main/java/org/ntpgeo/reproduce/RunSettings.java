package org.ntpgeo.reproduce;

import java.nio.file.Path;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.io.Provenance;

/**
 * Settings shared by every experiment of one invocation.
 *
 * @param scale    compute budget
 * @param corpus   TinyStories text for the corpus experiments (null: the experiment's default)
 * @param progress receives progress and step messages ({@link ProgressListener#NONE}: none)
 * @param threads  threads for BLAS and the neural engine
 * @param seed     seed of data synthesis and model initialisation
 */
public record RunSettings(Scale scale, Path corpus, ProgressListener progress, int threads, long seed) {
    public static RunSettings of(Scale scale, Path corpus, ProgressListener progress) {
        return new RunSettings(scale, corpus, progress, Runtime.getRuntime().availableProcessors(), 0L);
    }

    /** Report a step message to the progress listener. */
    public void say(String message) {
        progress.message("ntpgeo: " + message);
    }

    /** A provenance block recording these settings (the corpus by path: its sha256 is in each dataset.json). */
    public Provenance provenance(String createdBy) {
        var o = org.ntpgeo.io.Json.object();
        o.put("scale", scale.name().toLowerCase(java.util.Locale.ROOT));
        o.put("seed", seed);
        o.put("threads", threads);
        if (corpus != null) o.put("corpus", corpus.toString());
        return Provenance.of(createdBy).options(o);
    }
}
