package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.io.Json;
import org.ntpgeo.theory.PathResult;
import org.ntpgeo.theory.SvmSolution;

/**
 * Everything one experiment measured, for the index page and {@code experiment.json}.
 *
 * @param svm        the NTP-SVM* solution (its L_mm is dropped from JSON; see svm/lmm.npy)
 * @param path       path points (null when skipped); see path/path.csv
 * @param compare    compare page relative to the experiment directory (null when no run was analysed)
 * @param seconds    wall time of the whole experiment
 * @param phaseSeconds wall time of data, svm, path, training and analysis
 */
public record ExperimentResult(String name, String title, String paper, DatasetSummary dataset, SvmSolution svm,
                               List<PathResult.Point> path, List<RunOutcome> runs, List<String> notes, String compare,
                               double seconds, ObjectNode phaseSeconds) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("format", "ntpgeo-experiment/1");
        o.put("name", name);
        o.put("title", title);
        o.put("paper", paper);
        o.set("dataset", dataset.toJson());
        ObjectNode s = svm.toJson();
        o.set("svm", s);
        ArrayNode p = o.putArray("path");
        if (path != null) {
            for (PathResult.Point pt : path) {
                ObjectNode r = p.addObject();
                r.put("lambda", pt.lambda());
                r.put("ce_minus_h", pt.ceMinusEntropy());
                r.put("nuclear_norm", pt.nuclearNorm());
                r.put("direction_gap_lmm", pt.directionGapLmm());
                r.put("direction_gap_residual_lmm", pt.directionGapResidualLmm());
                r.put("soft_label_gap", pt.softLabelGap());
                r.put("converged", pt.converged());
            }
        }
        ArrayNode rs = o.putArray("runs");
        for (RunOutcome r : runs) {
            ObjectNode j = rs.addObject();
            j.put("label", r.label());
            j.put("status", r.status());
            j.put("message", r.message());
            j.put("epochs", r.epochs());
            if (Double.isFinite(r.ceMinusH())) j.put("ce_minus_h", r.ceMinusH()); else j.putNull("ce_minus_h");
            j.put("train_seconds", r.trainSeconds());
            j.put("analysis_seconds", r.analysisSeconds());
            j.put("report", r.report());
            j.put("expectation", r.expectation());
            ArrayNode cs = j.putArray("claims");
            for (Claims.Claim c : r.claims()) cs.add(c.toJson());
        }
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        o.put("compare", compare);
        o.put("seconds", seconds);
        o.set("phase_seconds", phaseSeconds);
        return o;
    }
}
