package org.ntpgeo.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.linalg.Matrix;

/**
 * The regularisation path: one {@link Point} per lambda (decreasing). Files: {@code path.csv} (one row per
 * lambda), {@code lambda-K.npy} (L_lambda for row K, V x m float64) and {@code path.json} (entropy H, ||L_mm||_*).
 */
public record PathResult(List<Point> points, double entropy, Matrix lmm, double seconds, double svdSeconds) {
    public static final List<String> CSV_HEADER = List.of("k", "lambda", "ce", "ce_minus_h", "nuclear_norm", "frobenius_norm",
            "rank", "direction_gap_lmm", "direction_gap_residual_lmm", "soft_label_gap", "iterations", "relative_residual",
            "converged", "seconds", "file");

    /**
     * @param directionGapLmm         || L/||L|| - L_mm/||L_mm|| ||_F (claim C1)
     * @param directionGapResidualLmm || (L - L_in)/||.|| - L_mm/||L_mm|| ||_F
     * @param softLabelGap            || P_F(L) - L_in ||_F (claim C2)
     * @param relativeResidual        proximal-gradient residual / lambda (stopping measure)
     */
    public record Point(int index, double lambda, double ce, double ceMinusEntropy, double nuclearNorm, double frobeniusNorm,
                        int rank, double directionGapLmm, double directionGapResidualLmm, double softLabelGap, int iterations,
                        double relativeResidual, boolean converged, double seconds, Matrix logits) {
        public String fileName() {
            return "lambda-" + index + ".npy";
        }
    }

    public boolean allConverged() {
        return points.stream().allMatch(Point::converged);
    }

    public void write(Path outDir) {
        write(outDir, Provenance.of("ntpgeo solve path"));
    }

    /** Writes path.csv, one logits .npy per lambda and path.json with {@code provenance}. */
    public void write(Path outDir, Provenance provenance) {
        List<List<?>> rows = new ArrayList<>();
        for (Point p : points) {
            Npy.write(outDir.resolve(p.fileName()), NdArray.ofColumnMajor(p.logits().data, p.logits().rows, p.logits().cols));
            rows.add(List.of(p.index(), p.lambda(), p.ce(), p.ceMinusEntropy(), p.nuclearNorm(), p.frobeniusNorm(), p.rank(),
                    p.directionGapLmm(), p.directionGapResidualLmm(), p.softLabelGap(), p.iterations(), p.relativeResidual(),
                    p.converged(), p.seconds(), p.fileName()));
        }
        CsvWriter.writeAll(outDir.resolve("path.csv"), CSV_HEADER, rows);
        ObjectNode o = Json.object();
        o.put("entropy", entropy);
        double nuc = 0;
        for (double s : org.ntpgeo.linalg.Svd.values(lmm)) nuc += s;
        o.put("lmm_nuclear_norm", nuc);
        o.put("seconds", seconds);
        o.put("svd_seconds", svdSeconds);
        o.put("all_converged", allConverged());
        ArrayNode l = o.putArray("lambdas");
        for (Point p : points) l.add(p.lambda());
        Json.write(outDir.resolve("path.json"), provenance.addTo(o));
    }
}
