package org.ntpgeo.reproduce;

import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.TrainingOptions;

/**
 * One training run of an experiment.
 *
 * @param label       directory name and label in the reports (e.g. ufm, transformer)
 * @param options     everything the {@link org.ntpgeo.train.Trainer} needs
 * @param log         which epochs get a checkpoint
 * @param expectation what the paper reports or predicts for this model (shown beside the measured claims)
 */
public record ModelRun(String label, TrainingOptions options, LogSchedule log, String expectation) {
    public boolean neural() {
        return !"ufm".equals(options.model());
    }

    /** UFM run options (float64, seeded). */
    public static TrainingOptions ufm(int dim, int epochs, String optimizer, double lr, double weightDecay, String schedule,
                                      RunSettings s) {
        return new TrainingOptions("ufm", dim, epochs, optimizer, lr, weightDecay, schedule, 0, s.seed(), true, s.threads(), 1, 1,
                false, 0.1);
    }

    /** Neural run options: AdamW with a cosine schedule; batch 0 = full batch. */
    public static TrainingOptions neural(String kind, int dim, int layers, int epochs, double lr, double weightDecay,
                                         int batch, boolean float64, RunSettings s) {
        return new TrainingOptions(kind, dim, epochs, "adamw", lr, weightDecay, "cosine", batch, s.seed(), float64, s.threads(),
                layers, 4, false, 0.1);
    }
}
