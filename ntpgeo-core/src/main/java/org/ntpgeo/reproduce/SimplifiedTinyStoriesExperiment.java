package org.ntpgeo.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.Windows;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;

/**
 * "Simplified TinyStories": the most frequent 5-word contexts of a TinyStories text with their next words. Recipe
 * (equivalent to {@code ntpgeo data build --corpus FILE -T 6 --tokenizer word --documents line --windows sliding
 * --vocab-size 105 --min-support 2 --max-contexts 400 --next-token-vocab observed}): the 104 most frequent words
 * are kept (the rest become {@code <unk>}), contexts with at least two distinct next words are kept, the 400 most
 * frequent of them form the dataset, and V counts only the words that follow one of them.
 */
public final class SimplifiedTinyStoriesExperiment implements Experiment {
    public static final int VOCAB_CAP = 105;
    public static final int MIN_SUPPORT = 2;
    public static final int MAX_CONTEXTS = 400;

    @Override
    public String name() {
        return "simplified-tinystories";
    }

    @Override
    public String title() {
        return "Simplified TinyStories (frequent 5-word contexts, V ~ 100, m = 400)";
    }

    @Override
    public String paper() {
        return "Frequent 5-word contexts from 2000 TinyStories lines, expanded by synonym/verb variants that keep the support: "
                + "V = 104, m about 404, n about 5110, H about 1.62 (theory.md notes the entropy labels may be swapped with "
                + "TinyStories). ||S~||_* = 199.1 vs ||L_mm||_* = 197.9, both rank 31.";
    }

    public static BuildOptions recipe() {
        return new BuildOptions(6, "word", null, DocumentSplitter.LINE, Windows.SLIDING, 1, MIN_SUPPORT, MAX_CONTEXTS, VOCAB_CAP,
                BuildOptions.NextTokenVocab.OBSERVED);
    }

    @Override
    public boolean needsCorpus() {
        return true;
    }

    @Override
    public void check(RunSettings s) {
        CorpusFile.require(s, name());
    }

    @Override
    public List<String> prepare(Path dataDir, RunSettings s) {
        Path corpus = CorpusFile.require(s, name());
        CorpusDatasetBuilder.Built b = CorpusDatasetBuilder.build(List.of(corpus), recipe(), s.threads(), s.progress());
        CorpusDatasetBuilder.write(dataDir, b);
        List<String> notes = new ArrayList<>();
        notes.add("Corpus " + corpus + "; recipe: data build -T 6 --tokenizer word --documents line --windows sliding --vocab-size "
                + VOCAB_CAP + " --min-support " + MIN_SUPPORT + " --max-contexts " + MAX_CONTEXTS + " --next-token-vocab observed. "
                + "No synonym expansion (the paper's hand-made variants are not reproduced); rare words map to <unk>.");
        return notes;
    }

    @Override
    public List<ModelRun> models(NtpDataset ds, RunSettings s) {
        Scale sc = s.scale();
        int d = Math.max(128, ds.vocabSize());
        List<ModelRun> runs = new ArrayList<>();
        runs.add(new ModelRun("ufm", ModelRun.ufm(d, sc.pick(300, 5000, 20000), OptimizerKind.ADAM, 0.02, 1e-5, LrSchedule.cosine(), s),
                LogSchedule.logSpaced(), "UFM with d >= V and lambda = 1e-5: follows the regularisation path"));
        runs.add(new ModelRun("transformer", ModelRun.neural("transformer", sc.pick(16, 64, 128), sc.pick(1, 2, 4),
                sc.pick(3, 150, 200), SyntheticExperiment.transformerLr(sc), 1e-4, 0, true, s), LogSchedule.logSpaced(),
                "paper: CE approaches H; logits and embeddings move towards the L_mm geometry (heatmaps resemble S~)"));
        runs.add(new ModelRun("lstm", ModelRun.neural("lstm", sc.pick(16, 64, 128), 2, sc.pick(3, 150, 200), 1e-3, 1e-4, 0, true, s),
                LogSchedule.logSpaced(), "paper: as the transformer"));
        return runs;
    }

    @Override
    public PathPlan path(NtpDataset ds, RunSettings s) {
        return switch (s.scale()) {
            case TEST -> PathPlan.logSpaced(1e-1, 1e-3, 3, 30, 2000);
            case DEMO -> PathPlan.logSpaced(1e-1, 1e-4, 4, 30, 20000);
            case FULL -> PathPlan.logSpaced(1e-1, 1e-5, 5, 180, 20000);
        };
    }
}
