package org.ntpgeo.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.recipes.RecipeOptions;
import org.ntpgeo.data.recipes.TinyStoriesBpe;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;

/**
 * TinyStories as in the paper: the data recipe {@code tinystories} (BPE 128, T-1 = 6, a uniform sample of 10^5 of
 * the contexts of the text, corpus counts; docs/DATA.md, "Recipes") on the first {@link #LINES} non-blank lines of
 * the corpus; L_mm is the exact NTP-SVM* solution (support-class solver), not the S~ proxy. The neural runs train
 * with mini-batches for the few epochs the budget allows.
 */
public final class TinyStoriesExperiment implements RecipeExperiment {
    public static final String RECIPE = "tinystories";
    /**
     * Lines of the corpus the recipe reads: about 1000 stories, so that a large file (the whole TinyStories
     * validation split) costs what the shared 1000-story sample costs (5758 non-blank lines: all of them).
     */
    public static final int LINES = 6000;
    /** Contexts per mini-batch of the neural runs. */
    public static final int BATCH = 512;

    @Override
    public String name() {
        return "tinystories";
    }

    @Override
    public String title() {
        return "TinyStories (BPE 128, T-1 = 6, 10^5 contexts sampled uniformly)";
    }

    @Override
    public String paper() {
        return "TinyStories with a BPE vocabulary of 128 and T-1 = 6: m about 10^5 contexts, H about 0.31. Transformer trained to "
                + "low CE; the geometry moves towards L_mm (partially, far from the limit).";
    }

    @Override
    public List<String> prepare(Path dataDir, RunSettings s) {
        int contexts = s.scale() == Scale.TEST ? 2000 : TinyStoriesBpe.DEFAULT_CONTEXTS;
        return prepareRecipe(dataDir, s, RECIPE, new RecipeOptions(s.seed(), LINES, contexts, null, s.threads(), s.progress()),
                "'ntpgeo data build --recipe " + RECIPE + " --lines " + LINES + " --contexts " + contexts + " --seed " + s.seed()
                + "' (docs/DATA.md, Recipes). L_mm: NTP-SVM* solved exactly on the support classes.");
    }

    @Override
    public List<ModelRun> models(NtpDataset ds, RunSettings s) {
        Scale sc = s.scale();
        int d = Math.max(128, ds.vocabSize());
        List<ModelRun> runs = new ArrayList<>();
        runs.add(new ModelRun("ufm", ModelRun.ufm(d, sc.pick(50, 300, 600), OptimizerKind.ADAM, 0.02, 1e-5, LrSchedule.cosine(), s),
                LogSchedule.logSpaced(), "UFM with d >= V and lambda = 1e-5 (full batch)"));
        runs.add(new ModelRun("transformer", ModelRun.neural("transformer", sc.pick(16, 64, 128), sc.pick(1, 2, 4), sc.pick(1, 2, 6),
                ModelRun.TRANSFORMER_LR / 3, BATCH, s), LogSchedule.logSpaced(),
                "paper: low CE, partial alignment with L_mm (m is large, training far from the limit)"));
        runs.add(new ModelRun("lstm", ModelRun.neural("lstm", sc.pick(16, 64, 128), 2, sc.pick(1, 5, 24), ModelRun.LSTM_LR / 3, BATCH, s),
                LogSchedule.logSpaced(), "paper: as the transformer"));
        return runs;
    }

    @Override
    public PathPlan path(NtpDataset ds, RunSettings s) {
        // lambda >= 1e-2 gives L = 0 here, but starting there is cheap and warm-starts 1e-3
        return s.scale() == Scale.TEST ? PathPlan.logSpaced(1e-1, 1e-2, 2, 30, 500) : PathPlan.logSpaced(1e-1, 1e-4, 4, 300, 3000);
    }
}
