package org.ntpgeo.reproduce;

import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.TrainingOptions;

/**
 * One training run of an experiment. The options are validated when the run is trained ({@link #options()}), so an
 * experiment can name a model whose module is not on the class path; the pipeline then skips the run.
 *
 * @param label       directory name and label in the reports (e.g. ufm, transformer)
 * @param model       the model kind
 * @param spec        the options (including which epochs get a checkpoint)
 * @param expectation what the paper reports or predicts for this model (shown beside the measured claims)
 */
public record ModelRun(String label, String model, TrainingOptions.Builder spec, String expectation) {
    /** A run whose checkpoints follow {@code log}. */
    public ModelRun(String label, TrainingOptions.Builder spec, LogSchedule log, String expectation) {
        this(label, spec.model(), spec.log(log), expectation);
    }

    /** The validated options (needs the model's provider on the class path). */
    public TrainingOptions options() {
        return spec.build();
    }

    public boolean neural() {
        return !"ufm".equals(model);
    }

    /** UFM run options (float64, seeded). */
    public static TrainingOptions.Builder ufm(int dim, int epochs, OptimizerKind optimizer, double lr, double weightDecay,
                                              LrSchedule schedule, RunSettings s) {
        return TrainingOptions.builder("ufm").dim(dim).epochs(epochs).optimizer(optimizer).learningRate(lr).weightDecay(weightDecay)
                .lrSchedule(schedule).seed(s.seed()).threads(s.threads());
    }

    /** Neural run options: AdamW with a cosine schedule; batch 0 = full batch. */
    public static TrainingOptions.Builder neural(String kind, int dim, int layers, int epochs, double lr, double weightDecay,
                                                 int batch, boolean float64, RunSettings s) {
        return TrainingOptions.builder(kind).dim(dim).layers(layers).epochs(epochs).optimizer(OptimizerKind.ADAMW).learningRate(lr)
                .weightDecay(weightDecay).lrSchedule(LrSchedule.cosine()).batch(batch).seed(s.seed())
                .dtype(float64 ? Dtype.FLOAT64 : Dtype.FLOAT32).threads(s.threads());
    }
}
