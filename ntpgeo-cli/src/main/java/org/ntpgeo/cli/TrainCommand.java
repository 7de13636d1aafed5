package org.ntpgeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.run.RunStatus;
import org.ntpgeo.train.Dtype;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;
import org.ntpgeo.train.Trainer;
import org.ntpgeo.train.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a UFM or a neural language model on an NTP dataset (objective: sum_j pi_j CE(p_j, softmax(W h_j))).",
                "Writes RUN/run.json, RUN/metrics.csv, RUN/checkpoints/epoch-NNNNNN.npz (W, H, L) and RUN/state/ (for --resume).",
                "Ctrl-C saves the current epoch; exit code 3 when training diverges (NaN/inf, or a loss above 100 x",
                "max(initial loss, ln V, 1)); 2 for bad options, a run in use by another process or a run too large for the memory."},
        footer = {"", "Defaults that depend on the model come from its provider: threads (ufm: all cores; neural: 1), layers",
                "(transformer 4, lstm 2, mlp 4), heads (transformer 4), init scale (ufm 0.1). Options a model does not use are refused.",
                "", "Examples:",
                "  ntpgeo train --data ds --model ufm --dim 128 --epochs 10000 --optimizer ngd --lr 0.1 --out run",
                "  ntpgeo train --data ds --model ufm --dim 32 --weight-decay 1e-3 --optimizer gd --lr 10 --out run-wd",
                "  ntpgeo train --resume run --epochs 20000"})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (from 'ntpgeo data build|synth').")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", description = "ufm | transformer | lstm | mlp (default: ufm).")
    String model;

    @Option(names = "--out", paramLabel = "RUN", description = "New run directory (must not exist).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in RUN with the options of its run.json; only --epochs "
            + "(to extend it) and --threads may change, other options that differ are refused.")
    Path resume;

    @Option(names = "--dim", paramLabel = "D", description = "Embedding dimension d (default 128).")
    Integer dim;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default 1000).")
    Integer epochs;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "gd | ngd | adam | adamw (default adamw).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Base learning rate (default 1e-3).")
    Double lr;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", description = "lambda: UFM adds (lambda/2)(||W||^2+||H||^2); adamw decouples it (default 0).")
    Double weightDecay;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", description = "constant | step:E1,E2,...[:gamma] | cosine (default constant).")
    String lrSchedule;

    @Option(names = "--batch", paramLabel = "full|N", description = "full, or N contexts per mini-batch, shuffled per epoch (default full).")
    String batch;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of initialisation and shuffling (default 0).")
    Long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "float64 | float32 (the UFM is float64 only) (default float64).")
    String dtype;

    @Option(names = "--init-scale", paramLabel = "SIGMA", description = "UFM: standard deviation of the initial W and H entries (default 0.1).")
    Double initScale;

    @Option(names = "--log-every", paramLabel = "log|N", description = "log (epochs 0,1,2,5,10,20,50,...) or N (every N epochs); the last epoch is always logged (default log).")
    String logEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for BLAS / the softmax pass / PyTorch (default: all cores for the UFM, 1 for neural models: PyTorch's intra-op threads oversubscribe small models, measured 0.15 s/epoch with 1 thread vs 1.9 s with 2 on a busy 2-core machine).")
    Integer threads;

    @Option(names = "--layers", paramLabel = "N", description = "Neural models: transformer blocks (default 4), LSTM layers (default 2), MLP hidden layers (default 4).")
    Integer layers;

    @Option(names = "--heads", paramLabel = "N", description = "Transformer attention heads (default 4).")
    Integer heads;

    @Option(names = "--rope", description = "Transformer: rotary positional encoding (off by default, as in the paper).")
    Boolean rope;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        Trainer trainer = new Trainer(TerminalProgress.orNone(!noProgress, spec.commandLine().getErr()));
        Interrupts.onStop(trainer::requestStop);
        Trainer.Result result;
        if (resume != null) {
            if (out != null) throw new OptionError("{resume} RUN continues RUN in place; drop {out}");
            result = trainer.resume(resume, given(), data);
        } else {
            if (data == null) throw new OptionError("{data} DIR is required (or {resume} RUN)");
            if (out == null) throw new OptionError("{out} RUN is required (or {resume} RUN)");
            TrainingOptions.Builder b = given();
            if (b.model() == null) b.model("ufm");
            result = trainer.train(data, b.build(), out);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (result.status() == RunStatus.DIVERGED) throw new Ntpgeo.ExitException(3, result.message());
        if (result.status() == RunStatus.INTERRUPTED) {
            err.println("ntpgeo: " + result.message());
        } else {
            err.printf(Locale.ROOT, "ntpgeo: %s in %s; final loss %.8g, CE - H = %.3e%n", result.message(), result.runDir(), result.loss(),
                    result.ceMinusH());
        }
        err.flush();
        return 0;
    }

    /** The options given on the command line (unset ones are left to the defaults, or to run.json on --resume). */
    TrainingOptions.Builder given() {
        TrainingOptions.Builder b = TrainingOptions.builder();
        if (model != null) b.model(model);
        if (dim != null) b.dim(dim);
        if (epochs != null) b.epochs(epochs);
        if (optimizer != null) b.optimizer(OptimizerKind.parse(optimizer));
        if (lr != null) b.learningRate(lr);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (lrSchedule != null) b.lrSchedule(LrSchedule.parse(lrSchedule));
        if (batch != null) b.batch(batchSize(batch));
        if (seed != null) b.seed(seed);
        if (dtype != null) b.dtype(Dtype.parse(dtype));
        if (initScale != null) b.initScale(initScale);
        if (logEvery != null) b.log(LogSchedule.parse(logEvery));
        if (threads != null) b.threads(threads);
        if (layers != null) b.layers(layers);
        if (heads != null) b.heads(heads);
        if (rope != null) b.rope(rope);
        return b;
    }

    private static int batchSize(String spec) {
        if (spec.equalsIgnoreCase("full")) return 0;
        try {
            int n = Integer.parseInt(spec.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new OptionError("bad {batch} '" + spec + "': use full or a number of contexts >= 1");
    }
}
