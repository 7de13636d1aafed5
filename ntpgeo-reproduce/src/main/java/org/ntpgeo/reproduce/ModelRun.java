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

    /** AdamW peak rate of the transformer runs (docs/NEURAL.md, "Time to target": 3e-3 reached CE - H <= 0.01 first). */
    public static final double TRANSFORMER_LR = 3e-3;
    /** AdamW peak rate of the LSTM runs (docs/NEURAL.md, "Time to target"). */
    public static final double LSTM_LR = 3e-3;
    /** The paper's "tiny" AdamW weight decay (never on normalisation gains). */
    public static final double NEURAL_WEIGHT_DECAY = 1e-6;
    /** Largest global gradient norm of the neural runs (a large step in the first epochs otherwise can blow a run up). */
    public static final double NEURAL_GRAD_CLIP = 1;

    /**
     * Neural run options, the same recipe in every experiment: full batch, float32, AdamW with weight decay
     * {@link #NEURAL_WEIGHT_DECAY}, a linear warm-up over min(30, epochs / 10) epochs then a cosine decay, gradients
     * clipped at {@link #NEURAL_GRAD_CLIP}, one intra-op thread (the pipeline trains such runs side by side).
     */
    public static TrainingOptions.Builder neural(String kind, int dim, int layers, int epochs, double lr, RunSettings s) {
        return neural(kind, dim, layers, epochs, lr, 0, s);
    }

    /** As {@link #neural(String, int, int, int, double, RunSettings)} with mini-batches of {@code batch} contexts (0 = full). */
    public static TrainingOptions.Builder neural(String kind, int dim, int layers, int epochs, double lr, int batch, RunSettings s) {
        int warmup = Math.min(30, epochs / 10);
        return TrainingOptions.builder(kind).dim(dim).layers(layers).epochs(epochs).optimizer(OptimizerKind.ADAMW).learningRate(lr)
                .weightDecay(NEURAL_WEIGHT_DECAY).lrSchedule(LrSchedule.cosine().withWarmup(warmup)).gradClip(NEURAL_GRAD_CLIP)
                .batch(batch).seed(s.seed()).dtype(Dtype.FLOAT32).threads(1);
    }
}
