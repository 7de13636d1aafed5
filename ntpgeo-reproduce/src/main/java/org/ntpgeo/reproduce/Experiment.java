package org.ntpgeo.reproduce;

import java.nio.file.Path;
import java.util.List;
import org.ntpgeo.data.NtpDataset;

/** One experiment of the paper: its data, its training runs and what the paper reported for it. */
public interface Experiment {
    /** Command-line name (synthetic, ufm-simulation, simplified-tinystories, tinystories). */
    String name();

    /** Human title for the reports. */
    String title();

    /** The paper's setup and numbers for this experiment (plain text). */
    String paper();

    /**
     * Build or synthesise the dataset into {@code dataDir} (an existing empty directory; write dataset.npz and
     * dataset.json there).
     *
     * @return notes for the report (recipe, deviations from the paper)
     */
    List<String> prepare(Path dataDir, RunSettings settings);

    /** Training runs on the prepared dataset (UFM first). */
    List<ModelRun> models(NtpDataset ds, RunSettings settings);

    /** True when the experiment reads a text corpus ({@link RunSettings#corpus()}, see {@link CorpusFile}). */
    default boolean needsCorpus() {
        return false;
    }

    /** Fail early (before any work) with a {@link org.ntpgeo.common.UserError} when an input is missing. */
    default void check(RunSettings settings) {}

    /** The regularisation path to solve, or null to skip it. */
    PathPlan path(NtpDataset ds, RunSettings settings);
}
