package org.ntpgeo.reproduce;

import java.nio.file.Path;

/**
 * Settings shared by every experiment of one invocation.
 *
 * @param scale    compute budget
 * @param corpus   TinyStories text for the corpus experiments (null: the experiment's default)
 * @param progress progress bars and step messages on stderr
 * @param threads  threads for BLAS and the neural engine
 * @param seed     seed of data synthesis and model initialisation
 */
public record RunSettings(Scale scale, Path corpus, boolean progress, int threads, long seed) {
    public static RunSettings of(Scale scale, Path corpus, boolean progress) {
        return new RunSettings(scale, corpus, progress, Runtime.getRuntime().availableProcessors(), 0L);
    }

    /** Print a step message on stderr (when progress is on). */
    public void say(String message) {
        if (progress) System.err.println("ntpgeo: " + message);
    }
}
