package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.Trainer;
import org.ntpgeo.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a UFM or a neural language model on an NTP dataset (objective: sum_j pi_j CE(p_j, softmax(W h_j))).",
                "Writes RUN/run.json, RUN/metrics.csv, RUN/checkpoints/epoch-NNNNNN.npz (W, H, L) and RUN/state/ (for --resume).",
                "Ctrl-C writes a final checkpoint; exit code 3 when training diverges (NaN/inf)."},
        footer = {"", "Examples:",
                "  ntpgeo train --data ds --model ufm --dim 128 --epochs 10000 --optimizer ngd --lr 0.1 --out run",
                "  ntpgeo train --data ds --model ufm --dim 32 --weight-decay 1e-3 --optimizer gd --lr 10 --out run-wd",
                "  ntpgeo train --resume run --epochs 20000"})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (from 'ntpgeo data build|synth').")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "ufm", description = "ufm | transformer | lstm | mlp (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", paramLabel = "RUN", description = "New run directory (must not exist).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in RUN (options come from its run.json; --epochs may extend it).")
    Path resume;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "128", description = "Embedding dimension d (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default 1000).")
    Integer epochs;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adamw", description = "gd | ngd | adam | adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Base learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0", description = "lambda: UFM adds (lambda/2)(||W||^2+||H||^2); adamw decouples it (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", defaultValue = "constant", description = "constant | step:E1,E2,...[:gamma] | cosine (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--batch", paramLabel = "full|N", defaultValue = "full", description = "full, or N contexts per mini-batch, shuffled per epoch (default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float64", description = "float64 | float32 (the UFM is float64 only) (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--init-scale", paramLabel = "SIGMA", defaultValue = "0.1", description = "UFM: standard deviation of the initial W and H entries (default: ${DEFAULT-VALUE}).")
    double initScale;

    @Option(names = "--log-every", paramLabel = "log|N", defaultValue = "log", description = "log (epochs 0,1,2,5,10,20,50,...) or N (every N epochs); the last epoch is always logged (default: ${DEFAULT-VALUE}).")
    String logEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for BLAS / the softmax pass / PyTorch (default: all cores).")
    Integer threads;

    @Option(names = "--layers", paramLabel = "N", description = "Neural models: transformer blocks (default 4), LSTM layers (default 2), MLP hidden layers (default 4).")
    Integer layers;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", description = "Transformer attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--rope", description = "Transformer: rotary positional encoding (off by default, as in the paper).")
    boolean rope;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        Trainer trainer = new Trainer(!noProgress, true);
        Trainer.Result result;
        if (resume != null) {
            if (data != null || out != null) throw new UserError("--resume RUN takes the dataset and options from RUN/run.json; drop --data/--out");
            result = trainer.resume(resume, epochs, threads);
        } else {
            if (data == null) throw new UserError("--data DIR is required (or --resume RUN)");
            if (out == null) throw new UserError("--out RUN is required (or --resume RUN)");
            result = trainer.train(data, options(), LogSchedule.parse(logEvery), out);
        }
        switch (result.status()) {
            case "diverged" -> throw new Ntpgeo.ExitException(3, result.message());
            case "interrupted" -> System.err.println("ntpgeo: " + result.message());
            default -> System.err.printf(Locale.ROOT, "ntpgeo: %s in %s; final loss %.8g, CE - H = %.3e%n", result.message(),
                    result.runDir(), result.loss(), result.ceMinusH());
        }
        return 0;
    }

    TrainingOptions options() {
        String kind = model.toLowerCase(Locale.ROOT);
        int batchSize;
        if (batch.equalsIgnoreCase("full")) {
            batchSize = 0;
        } else {
            try {
                batchSize = Integer.parseInt(batch.trim());
            } catch (NumberFormatException e) {
                throw new UserError("bad --batch '" + batch + "': use full or a number of contexts >= 1");
            }
            if (batchSize < 1) throw new UserError("bad --batch '" + batch + "': use full or a number of contexts >= 1");
        }
        boolean f64 = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float64" -> true;
            case "float32" -> false;
            default -> throw new UserError("bad --dtype '" + dtype + "': use float64 or float32");
        };
        if (dim < 1) throw new UserError("--dim must be >= 1, got " + dim);
        int e = epochs == null ? 1000 : epochs;
        if (e < 0) throw new UserError("--epochs must be >= 0, got " + e);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) throw new UserError("--threads must be >= 1, got " + t);
        int l = layers != null ? layers : kind.equals("lstm") ? 2 : 4;
        int minLayers = kind.equals("mlp") ? 0 : 1; // an MLP with 0 hidden layers is linear in the context embeddings
        if (l < minLayers) throw new UserError("--layers must be >= " + minLayers + " for --model " + kind + ", got " + l);
        if (heads < 1) throw new UserError("--heads must be >= 1, got " + heads);
        return new TrainingOptions(kind, dim, e, optimizer.toLowerCase(Locale.ROOT), lr, weightDecay, lrSchedule, batchSize, seed, f64,
                t, l, heads, rope, initScale);
    }
}
