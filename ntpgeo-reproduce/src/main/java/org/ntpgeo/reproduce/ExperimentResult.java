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

    /**
     * What went wrong, one line each (empty when nothing did): runs that failed or diverged, analyses that failed,
     * NTP-SVM* that did not converge.
     */
    public java.util.List<String> problems() {
        java.util.List<String> p = new java.util.ArrayList<>();
        if (!svm.converged()) p.add(name + ": NTP-SVM* did not converge (L_mm is approximate)");
        for (RunOutcome r : runs) {
            if (r.status().equals("failed")) p.add(name + "/" + r.label() + " failed: " + r.cause().text());
            else if (r.diverged()) p.add(name + "/" + r.label() + " diverged: " + r.message());
            else if (r.cause() != null) p.add(name + "/" + r.label() + " " + r.cause().stage() + " failed: " + r.cause().text());
        }
        return p;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("format", "ntpgeo-experiment/1");
        o.put("name", name);
        o.put("title", title);
        o.put("status", problems().isEmpty() ? "completed" : "completed with problems");
        ArrayNode problems = o.putArray("problems");
        problems().forEach(problems::add);
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
            if (r.cause() != null) j.set("cause", r.cause().toJson()); else j.putNull("cause");
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
