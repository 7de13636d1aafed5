package org.ntpgeo.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.theory.ClosedForms;
import org.ntpgeo.train.LogSchedule;
import org.ntpgeo.train.LrSchedule;
import org.ntpgeo.train.OptimizerKind;

/** The paper's UFM simulation: V = d = 10, m = 95, pi_j = 1/m, lambda = 1e-5, certificate holding (L_mm = S~). */
public final class UfmSimulationExperiment implements Experiment {
    public static final double LAMBDA = 1e-5;

    @Override
    public String name() {
        return "ufm-simulation";
    }

    @Override
    public String title() {
        return "UFM simulation (V = d = 10, m = 95, lambda = 1e-5, L_mm = S~)";
    }

    @Override
    public String paper() {
        return "V = 10, d = 10, m = 95, pi_j = 1/m, lambda = 1e-5, supports chosen so that the Prop. 3 certificate holds "
                + "(L_mm = S~). GD on the UFM: W W^T and H^T H approach the factors of S~, equal-support contexts collapse.";
    }

    @Override
    public List<String> prepare(Path dataDir, RunSettings s) {
        NtpDataset ds = UfmSimulationData.dataset();
        DatasetFiles.write(dataDir, ds, UfmSimulationData.provenance());
        ClosedForms.Certificate c = ClosedForms.certificate(ds);
        List<String> notes = new ArrayList<>();
        notes.add("Support design: every pair of the 10 tokens twice (counts 1,3 and 3,1) and the singletons {0}..{4}; every context "
                + "has total count 4, so pi_j = 1/95.");
        notes.add(String.format(Locale.ROOT, "Prop. 3 certificate %s: max off-support entry of A = U V^T is %.4f; rank(S~) = %d, "
                + "||S~||_* = %.4f.", c.holds() ? "holds" : "DOES NOT HOLD", c.maxOffSupportA(), c.rank(), c.nuclearNorm()));
        return notes;
    }

    @Override
    public List<ModelRun> models(NtpDataset ds, RunSettings s) {
        return List.of(new ModelRun("ufm", ModelRun.ufm(UfmSimulationData.VOCAB, s.scale().pick(400, 20000, 30000), OptimizerKind.ADAM, 0.02,
                LAMBDA, LrSchedule.cosine(), s), LogSchedule.logSpaced(),
                "paper: gradient descent on the UFM with lambda = 1e-5 follows the path; geometry -> S~ factors (C1-C4 hold)"));
    }

    @Override
    public PathPlan path(NtpDataset ds, RunSettings s) {
        return s.scale() == Scale.TEST ? PathPlan.logSpaced(1e-1, 1e-3, 3, 30, 2000) : PathPlan.logSpaced(1e-1, 1e-6, 6, 120, 20000);
    }
}
