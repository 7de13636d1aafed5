package org.ntpgeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.run.RunFiles;
import org.ntpgeo.run.RunImport;
import org.ntpgeo.run.RunManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a run directory from embeddings trained anywhere (PyTorch, JAX, ...), so that 'ntpgeo analyze' and",
                "'ntpgeo report compare' treat it like their own runs. Per checkpoint: W (V x d, the unembedding matrix",
                "of an output layer without bias) and H (d x m, the last-layer states of the dataset's contexts, in the",
                "dataset's order). The format and a PyTorch export snippet: docs/IMPORT.md."},
        footer = {"", "Examples:",
                "  ntpgeo run import --data ds --W W.npy --H H.npy --out run-mine",
                "  ntpgeo run import --data ds --W W100.npy --H H100.npy --epoch 100 --W W1000.npy --H H1000.npy --epoch 1000 --out run-mine",
                "  ntpgeo run import --data ds --checkpoints exported/ --model gpt-tiny --out run-mine   # *.npz with W, H (and epoch)"})
public final class RunImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The dataset the embeddings belong to (V words, m contexts).")
    Path data;

    @Option(names = "--W", paramLabel = "W.npy", description = "Word embeddings, V x d (.npy); repeat with --H (and --epoch) for several checkpoints.")
    List<Path> w = new ArrayList<>();

    @Option(names = "--H", paramLabel = "H.npy", description = "Context embeddings, d x m (.npy), one per --W.")
    List<Path> h = new ArrayList<>();

    @Option(names = "--epoch", paramLabel = "N", description = "Epoch of each --W/--H pair (default 0, 1, 2, ... in order).")
    List<Long> epochs = new ArrayList<>();

    @Option(names = "--checkpoints", paramLabel = "DIR|FILE", description = "Instead of --W/--H: a directory of .npz files (or one .npz), each with "
            + "arrays W and H and optionally epoch (else the last number in the file name).")
    Path checkpoints;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "imported", description = "Model name shown in reports (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "New run directory (must not exist).")
    Path out;

    @Override
    public Integer call() {
        List<RunImport.Source> sources = new ArrayList<>();
        if (checkpoints != null) {
            if (!w.isEmpty() || !h.isEmpty() || !epochs.isEmpty()) throw new OptionError("give either {checkpoints} or {w}/{h} pairs, not both");
            sources.addAll(RunImport.fromNpz(checkpoints));
        } else {
            if (w.isEmpty() || w.size() != h.size()) {
                throw new OptionError("give one {h} per {w} (got " + w.size() + " and " + h.size() + "), or {checkpoints}");
            }
            if (!epochs.isEmpty() && epochs.size() != w.size()) {
                throw new OptionError("give one {epoch} per {w}/{h} pair (got " + epochs.size() + " for " + w.size() + "), or none");
            }
            for (int i = 0; i < w.size(); i++) sources.add(new RunImport.Source(epochs.isEmpty() ? i : epochs.get(i), w.get(i), h.get(i)));
        }
        Path dataDir = Files.isRegularFile(data) ? data.toAbsolutePath().getParent() : data.toAbsolutePath();
        Path run = RunImport.write(dataDir.normalize(), sources, model, out);
        RunManifest m = RunFiles.readManifest(run);
        RunManifest.FinalEpoch last = m.last();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d checkpoint(s), last epoch %d, CE - H = %.4e; analyse it with: ntpgeo analyze --run %s --out REPORT%n",
                out, sources.size(), last.epoch(), last.ceMinusH(), out);
        return 0;
    }
}
