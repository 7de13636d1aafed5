package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticDatasets;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;

/** The paper's synthetic set (m = 16, V = 30, supports of size 3, counts in 1..4) with attached 5-token contexts. */
public final class SyntheticExperiment implements Experiment {
    /** T - 1 of the paper's synthetic set. */
    public static final int CONTEXT_WIDTH = 5;
    /** Full-scale epochs of the neural runs (they train side by side; about a minute each on 2 cores). */
    public static final int NEURAL_EPOCHS = 2000;

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String title() {
        return "Synthetic data (m = 16, V = 30, |S_j| = 3)";
    }

    @Override
    public String paper() {
        return "m = 16 contexts, V = 30, T-1 = 5, every support of size 3 from overlapping word groups, counts uniform in 1..4, "
                + "H about 1.02. UFM and transformer/LSTM trained to CE -> H; L / ||L|| aligns with L_mm, W W^T and H^T H with "
                + "the L_mm factors, contexts with equal supports collapse in the L_mm subspace.";
    }

    /** The dataset this experiment uses (the paper set of {@code data synth --kind paper} plus attached contexts). */
    public static NtpDataset dataset(long seed) {
        NtpDataset ds = SyntheticDatasets.paper(seed).dataset();
        return SyntheticContexts.attach(ds, CONTEXT_WIDTH, ds.vocabSize(), seed);
    }

    @Override
    public List<String> prepare(Path dataDir, RunSettings s) {
        SyntheticDatasets.Synth synth = SyntheticDatasets.paper(s.seed());
        NtpDataset ds = SyntheticContexts.attach(synth.dataset(), CONTEXT_WIDTH, synth.dataset().vocabSize(), s.seed());
        ObjectNode prov = synth.provenance();
        prov.put("created_by", "ntpgeo reproduce synthetic");
        prov.put("contexts", "SyntheticContexts.attach(width " + CONTEXT_WIDTH + ", input vocabulary " + ds.vocabSize()
                + ", seed " + s.seed() + "): distinct uniform token sequences");
        DatasetFiles.write(dataDir, ds, prov);
        List<String> notes = new ArrayList<>();
        notes.add("Data: 'ntpgeo data synth --kind paper --seed " + s.seed() + "' (our reconstruction of the paper's groups), plus "
                + "distinct random 5-token contexts over 30 input tokens (SyntheticContexts) so the sequence models have inputs.");
        return notes;
    }

    @Override
    public List<ModelRun> models(NtpDataset ds, RunSettings s) {
        Scale sc = s.scale();
        List<ModelRun> runs = new ArrayList<>();
        runs.add(new ModelRun("ufm", ModelRun.ufm(32, sc.pick(400, 20000, 30000), OptimizerKind.ADAM, 0.02, 1e-5, LrSchedule.cosine(), s),
                LogSchedule.logSpaced(), "UFM with d = 32 >= V and lambda = 1e-5: converges to L_lambda, which is close to "
                        + "L_in + R L_mm (claims C1-C4 hold)"));
        runs.add(new ModelRun("transformer", ModelRun.neural("transformer", sc.pick(16, 64, 128), sc.pick(1, 2, 4),
                sc.pick(3, 400, NEURAL_EPOCHS), ModelRun.TRANSFORMER_LR, s), LogSchedule.logSpaced(),
                "paper: CE -> H, logits align with L_mm, equal-support contexts collapse (after 10^4+ full-batch AdamW epochs)"));
        runs.add(new ModelRun("lstm", ModelRun.neural("lstm", sc.pick(16, 64, 128), 2, sc.pick(3, 400, NEURAL_EPOCHS), ModelRun.LSTM_LR, s),
                LogSchedule.logSpaced(), "paper: as the transformer"));
        return runs;
    }

    @Override
    public PathPlan path(NtpDataset ds, RunSettings s) {
        return s.scale() == Scale.TEST ? PathPlan.logSpaced(1e-1, 1e-3, 3, 30, 2000) : PathPlan.logSpaced(1e-1, 1e-6, 6, 120, 20000);
    }
}
