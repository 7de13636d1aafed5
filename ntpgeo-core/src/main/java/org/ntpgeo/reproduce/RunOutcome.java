package org.ntpgeo.reproduce;

import java.util.List;
import org.ntpgeo.geometry.Claims;

/**
 * What happened to one training run of an experiment.
 *
 * @param label         run label (ufm, transformer, lstm)
 * @param status        completed, interrupted, diverged, skipped or failed
 * @param message       why it was skipped/failed, or the trainer's message
 * @param epochs        epochs trained
 * @param ceMinusH      final CE - H (NaN if unknown)
 * @param trainSeconds  training wall time
 * @param analysisSeconds analysis + report wall time
 * @param claims        the claims table of its report (empty when not analysed)
 * @param report        report directory relative to the experiment directory (null when none)
 * @param expectation   what the paper expects for this model
 */
public record RunOutcome(String label, String status, String message, int epochs, double ceMinusH, double trainSeconds,
                         double analysisSeconds, List<Claims.Claim> claims, String report, String expectation) {

    public static RunOutcome skipped(ModelRun r, String why) {
        return new RunOutcome(r.label(), "skipped", why, 0, Double.NaN, 0, 0, List.of(), null, r.expectation());
    }

    /** Number of claims with the given verdict. */
    public long count(Claims.Verdict v) {
        return claims.stream().filter(c -> c.verdict() == v).count();
    }
}
