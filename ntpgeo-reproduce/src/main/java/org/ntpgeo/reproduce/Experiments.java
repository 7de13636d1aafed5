package org.ntpgeo.reproduce;

import java.util.ArrayList;
import java.util.List;

/** The experiments by name, in the order {@code reproduce all} runs them. */
public final class Experiments {
    public static final List<String> NAMES = List.of("synthetic", "ufm-simulation", "simplified-tinystories", "tinystories");

    private Experiments() {}

    public static Experiment byName(String name) {
        return switch (name) {
            case "synthetic" -> new SyntheticExperiment();
            case "ufm-simulation" -> new UfmSimulationExperiment();
            case "simplified-tinystories" -> new SimplifiedTinyStoriesExperiment();
            case "tinystories" -> new TinyStoriesExperiment();
            default -> throw ExperimentPipeline.unknown(name);
        };
    }

    /** Names (or "all") to experiments, without duplicates, in the order given. */
    public static List<Experiment> select(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals("all")) {
                for (String a : NAMES) if (!out.contains(a)) out.add(a);
            } else {
                byName(n);
                if (!out.contains(n)) out.add(n);
            }
        }
        return out.stream().map(Experiments::byName).toList();
    }
}
