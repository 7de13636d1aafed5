package org.ntpgeo.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.geometry.CheckpointMetrics;
import org.ntpgeo.geometry.ClassLevelMatrix;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.Metric;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.Json;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.run.RunFiles;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.linalg.Matrix;

/**
 * Writes the report of one analysed run: {@code index.html} (self-contained, figures as relative files),
 * {@code metrics.json} (final values; every missing value has a reason), {@code series.csv} (every metric per
 * logged epoch; {@code nan} = n/a, reasons in metrics.json) and {@code figures/*.png|svg}. The directory is
 * staged and appears only when complete.
 */
public final class AnalysisReport {
    /** Largest number of contexts (and words) drawn in a heatmap (evenly thinned from the ordered sample). */
    public static final int MAX_HEATMAP = 400;
    /** Relative singular values at or below this are numerically zero and not drawn. */
    static final double SPECTRUM_FLOOR = 1e-12;

    private AnalysisReport() {}

    public static void write(RunAnalysis a, Path out, boolean replace) {
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(out, replace)) {
            Path figs = dir.path().resolve("figures");
            AtomicFiles.createDirectories(figs);
            List<Figure> figures = figures(a);
            for (Figure f : figures) f.write(figs);
            writeSeries(a.series(), dir.path().resolve("series.csv"));
            Json.write(dir.path().resolve("metrics.json"), recordInputs(Provenance.of("ntpgeo analyze"), "", a, out).addTo(metricsJson(a, out)));
            AtomicFiles.writeString(dir.path().resolve("index.html"), html(a, figures, out));
            dir.commit();
        }
    }

    static void writeSeries(List<CheckpointMetrics> series, Path file) {
        List<String> header = new ArrayList<>();
        header.add("epoch");
        for (Metric m : Metric.values()) header.add(m.key);
        List<List<?>> rows = new ArrayList<>();
        for (CheckpointMetrics cm : series) {
            List<Object> r = new ArrayList<>();
            r.add(cm.epoch);
            for (Metric m : Metric.values()) r.add(cm.get(m));
            rows.add(r);
        }
        CsvWriter.writeAll(file, header, rows);
    }

    /**
     * Records the run of {@code a} (sha256 of its run.json) and its dataset (sha256 of dataset.npz) as inputs
     * "run" + suffix and "dataset" + suffix, paths relative to {@code reportDir}.
     */
    static Provenance recordInputs(Provenance p, String suffix, RunAnalysis a, Path reportDir) {
        Path manifest = a.run().dir().resolve(RunFiles.RUN_JSON);
        return p.input("run" + suffix, ReportPaths.relative(reportDir, a.run().dir()), Files.isRegularFile(manifest) ? DatasetFiles.sha256(manifest) : "")
                .input("dataset" + suffix, ReportPaths.relative(reportDir, a.run().dataDir()), a.run().manifest().datasetSha256());
    }

    /** Final values; the paths "run" and "dataset" are relative to {@code reportDir}. */
    static ObjectNode metricsJson(RunAnalysis a, Path reportDir) {
        ObjectNode o = Json.object();
        o.put("format", "ntpgeo-report/1");
        o.put("run", ReportPaths.relative(reportDir, a.run().dir()));
        o.put("dataset", ReportPaths.relative(reportDir, a.run().dataDir()));
        o.put("model", a.run().model());
        o.put("status", a.run().status());
        o.set("dataset_summary", DatasetSummary.of(a.dataset()).toJson());
        ObjectNode lmm = o.putObject("lmm");
        lmm.put("source", a.reference().lmmSource());
        lmm.put("rank", a.reference().lmmSvd().rank());
        lmm.put("nuclear_norm", a.reference().lmmSvd().nuclearNorm());
        lmm.put("stilde_rank", a.reference().sTildeSvd().rank());
        lmm.put("stilde_nuclear_norm", a.reference().sTildeSvd().nuclearNorm());
        o.put("checkpoints", a.series().size());
        CheckpointMetrics last = a.last();
        o.put("final_epoch", last.epoch);
        ObjectNode fin = o.putObject("final");
        ObjectNode reasons = o.putObject("na_reasons");
        for (Metric m : Metric.values()) {
            if (last.has(m)) {
                fin.put(m.key, last.get(m));
            } else {
                fin.putNull(m.key);
                reasons.put(m.key, last.reason(m));
            }
        }
        ObjectNode seriesReasons = o.putObject("series_na_reasons");
        for (Metric m : Metric.values()) {
            Set<String> rs = new LinkedHashSet<>();
            for (CheckpointMetrics cm : a.series()) if (!cm.has(m)) rs.add("epoch " + cm.epoch + ": " + cm.reason(m));
            if (!rs.isEmpty()) {
                ArrayNode arr = seriesReasons.putArray(m.key);
                rs.stream().limit(20).forEach(arr::add);
            }
        }
        ArrayNode claims = o.putArray("claims");
        for (Claims.Claim c : a.claims()) claims.add(c.toJson());
        o.put("judged_as", a.context().objective());
        ObjectNode path = o.putObject("path");
        path.put("source", a.path().description());
        if (a.context().ufmLambda().isPresent()) path.put("run_lambda", a.context().ufmLambda().getAsDouble()); else path.putNull("run_lambda");
        ArrayNode pts = path.putArray("points");
        for (PathReference.Point p : a.path().points()) {
            ObjectNode po = pts.addObject();
            po.put("lambda", p.lambda());
            po.put("norm_lc", p.norm());
            if (Double.isFinite(p.gapLmm())) po.put("gap_lmm", p.gapLmm()); else po.putNull("gap_lmm");
            if (Double.isFinite(p.gapResidualLmm())) po.put("gap_l_minus_lin_lmm", p.gapResidualLmm()); else po.putNull("gap_l_minus_lin_lmm");
            po.put("ce_minus_h", p.ceMinusH());
            po.put("converged", p.converged());
        }
        ArrayNode notes = o.putArray("notes");
        a.notes().forEach(notes::add);
        o.put("analysis_seconds", a.seconds());
        return o;
    }

    static List<Figure> figures(RunAnalysis a) {
        List<Figure> out = new ArrayList<>();
        for (CurveFigures.Spec s : CurveFigures.SINGLE_RUN) {
            Figure f = CurveFigures.single(s, a.series());
            if (f != null) out.add(f);
        }
        for (Figure f : new Figure[] {CurveFigures.collapse(a.series()), ClaimFigures.collapseNull(a), ClaimFigures.pathPosition(a)}) {
            if (f != null) out.add(f);
        }
        RunAnalysis.FinalSnapshot snap = a.snapshot();
        int[] ctxPos = thin(snap.contextOrder().length, MAX_HEATMAP);
        int[] wordPos = thin(snap.wordOrder().length, MAX_HEATMAP);
        int[] cls = a.dataset().supportClasses();
        int[] ctxBounds = boundaries(ctxPos, p -> cls[snap.contextOrder()[p]]);
        String sampled = ctxPos.length < a.dataset().contextCount() ? " Showing " + ctxPos.length + " of " + a.dataset().contextCount()
                + " contexts (seeded sample, evenly thinned)." : "";
        List<Heatmaps.Panel> ctx = new ArrayList<>();
        if (snap.contextCos() != null) ctx.add(new Heatmaps.Panel("trained h (epoch " + snap.epoch() + ")", sub(snap.contextCos(), ctxPos), -1, 1, "cosine", ctxBounds));
        ctx.add(new Heatmaps.Panel("predicted from L_mm", sub(snap.contextCosLmm(), ctxPos), -1, 1, "cosine", ctxBounds));
        ctx.add(new Heatmaps.Panel("predicted from S~", sub(snap.contextCosStilde(), ctxPos), -1, 1, "cosine", ctxBounds));
        out.add(Heatmaps.figure("cosine-contexts", "Context embeddings: cosine similarities, ordered by support class",
                "cos(h_j, h_j') of the final checkpoint beside the prediction from L_mm = U Sigma V^T (columns of Sigma^{1/2} V^T) and from S~; "
                        + "rows and columns are contexts ordered by support class (thin lines separate classes when there are fewer than 80). "
                        + "Colour scale fixed to [-1, 1] (blue -1, white 0, red 1); grey = undefined (zero vector)." + sampled, ctx));
        List<Heatmaps.Panel> words = new ArrayList<>();
        if (snap.wordCos() != null) words.add(new Heatmaps.Panel("trained centred w (epoch " + snap.epoch() + ")", sub(snap.wordCos(), wordPos), -1, 1, "cosine", null));
        words.add(new Heatmaps.Panel("predicted from L_mm", sub(snap.wordCosLmm(), wordPos), -1, 1, "cosine", null));
        words.add(new Heatmaps.Panel("predicted from S~", sub(snap.wordCosStilde(), wordPos), -1, 1, "cosine", null));
        out.add(Heatmaps.figure("cosine-words", "Word embeddings: cosine similarities",
                "cos(w_v, w_v') of the rows of the centred Wc = (I - 11^T/V) W of the final checkpoint beside the prediction from L_mm (rows of U Sigma^{1/2}) and from S~; words ordered by the "
                        + "support class of the first context that can be followed by them. Colour scale fixed to [-1, 1] (blue -1, white 0, red 1)."
                        + (wordPos.length < a.dataset().vocabSize() ? " Showing " + wordPos.length + " of " + a.dataset().vocabSize() + " words." : ""),
                words));
        int[] rowsShown = new int[wordPos.length];
        for (int i = 0; i < wordPos.length; i++) rowsShown[i] = snap.wordOrder()[wordPos[i]];
        int[] colsShown = new int[ctxPos.length];
        for (int i = 0; i < ctxPos.length; i++) colsShown[i] = snap.contextOrder()[ctxPos[i]];
        List<Heatmaps.Panel> logits = new ArrayList<>();
        logits.add(Heatmaps.Panel.symmetric("centred Lc (epoch " + snap.epoch() + ")", block(snap.logits(), rowsShown, colsShown), "logit", ctxBounds));
        logits.add(Heatmaps.Panel.symmetric("L_mm", block(a.reference().lmm(), rowsShown, colsShown), "logit", ctxBounds));
        logits.add(Heatmaps.Panel.symmetric("S~", block(a.reference().sTilde(), rowsShown, colsShown), "entry", ctxBounds));
        out.add(Heatmaps.figure("logits", "Logit matrices (rows: words, columns: contexts by support class)",
                "The final centred logits Lc = (I - 11^T/V) L (each column minus its mean, which softmax ignores) beside L_mm and S~ (both have zero column sums). Each panel has its own symmetric colour scale [-a, a], a = its largest |entry| "
                        + "(blue negative, white 0, red positive), stated under the panel." + sampled, logits));
        List<LineCharts.Series> spec = new ArrayList<>();
        if (snap.spectrumL() != null) spec.add(new LineCharts.Series("Lc (epoch " + snap.epoch() + ")", index(snap.spectrumL()), relative(snap.spectrumL())));
        spec.add(new LineCharts.Series("L_mm", index(snap.spectrumLmm()), relative(snap.spectrumLmm())));
        spec.add(new LineCharts.Series("S~", index(snap.spectrumStilde()), relative(snap.spectrumStilde())));
        Figure sv = LineCharts.chart("singular-values", "Singular values (relative to the largest)", "index i", "s_i / s_1", false, true, spec,
                "Singular-value spectra of the final centred logits Lc, of L_mm and of S~, each divided by its largest singular value; values below 1e-12 (numerically zero) are not drawn; rank(L_mm) = "
                        + a.reference().lmmSvd().rank() + ".");
        if (sv != null) out.add(sv);
        return out;
    }

    static String html(RunAnalysis a, List<Figure> figures, Path reportDir) {
        StringBuilder b = new StringBuilder();
        CheckpointMetrics last = a.last();
        b.append("<h1>ntpgeo geometry report</h1>\n<p>Run <code>").append(Html.esc(ReportPaths.relative(reportDir, a.run().dir())))
                .append("</code>, model <b>").append(Html.esc(a.run().model())).append("</b>, status ").append(Html.esc(a.run().status()))
                .append(". ").append(a.series().size()).append(" checkpoints analysed (epochs ").append(a.series().get(0).epoch).append(" to ")
                .append(last.epoch).append(") in ").append(String.format(java.util.Locale.ROOT, "%.1f", a.seconds())).append(" s.</p>\n");
        b.append("<p class=\"small\">Files: <a href=\"metrics.json\">metrics.json</a> (final values, reasons for n/a), ")
                .append("<a href=\"series.csv\">series.csv</a> (every metric per logged epoch; n/a is written as nan there).</p>\n");

        b.append("<h2>Dataset</h2>\n");
        DatasetSummary ds = DatasetSummary.of(a.dataset());
        List<List<String>> drows = new ArrayList<>();
        drows.add(List.of("directory", "<code>" + Html.esc(ReportPaths.relative(reportDir, a.run().dataDir())) + "</code>"));
        drows.add(List.of("V (vocabulary)", String.valueOf(ds.vocabSize())));
        drows.add(List.of("m (distinct contexts)", String.valueOf(ds.contexts())));
        drows.add(List.of("n (pairs)", String.valueOf(ds.pairs())));
        drows.add(List.of("H (entropy lower bound, nats)", Claims.fmt(ds.entropy())));
        drows.add(List.of("support classes", ds.supportClasses() + " (largest: " + ds.largestSupportClass() + " contexts)"));
        drows.add(List.of("support sizes k: #contexts", Html.esc(ds.supportSizeHistogram().toString())));
        drows.add(List.of("L_mm", Html.esc(a.reference().lmmSource()) + "; rank " + a.reference().lmmSvd().rank() + ", ||L_mm||_* = "
                + Claims.fmt(a.reference().lmmSvd().nuclearNorm()) + " (S~: rank " + a.reference().sTildeSvd().rank() + ", ||S~||_* = "
                + Claims.fmt(a.reference().sTildeSvd().nuclearNorm()) + ")"));
        b.append(Html.table(List.of("quantity", "value"), drows));

        b.append("<h2>Claims (final checkpoint, epoch ").append(last.epoch).append(")</h2>\n");
        b.append("<p>Judged as: ").append(Html.esc(a.context().objective())).append(".</p>\n");
        List<List<String>> crows = new ArrayList<>();
        for (Claims.Claim c : a.claims()) {
            crows.add(List.of("<b>" + c.id() + "</b>", Html.esc(c.statement()), Html.esc(c.measured()), Html.esc(c.baselineText()),
                    Html.esc(c.threshold()), Html.verdict(c.verdict().text)));
        }
        b.append(Html.table(List.of("claim", "statement (theory.md)", "measured", "baseline (same computation)", "rule", "verdict"), crows));
        b.append("<p class=\"small\">Rules are fixed in org.ntpgeo.geometry.Claims and explained in docs/REPORTS.md. <b>pass</b>: within the rule at the "
                + "last checkpoint; <b>trending</b>: not yet, but moving the predicted way (significant fitted slope over the last half of the "
                + "checkpoints); <b>fail</b>: neither; <b>n/a</b>: cannot be measured (reason given). Every gap uses the centred logits "
                + "Lc = (I - 11^T/V) L and centred word embeddings Wc.</p>\n");

        b.append("<h2>Figures</h2>\n");
        for (Figure f : figures) b.append(Html.figure(f));

        b.append("<h2>Final metrics</h2>\n");
        List<List<String>> mrows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            mrows.add(List.of(Html.esc(m.label), "<code>" + m.key + "</code>", "<span class=\"num\">" + Html.esc(Claims.fmt(last, m)) + "</span>"));
        }
        b.append(Html.table(List.of("metric", "series.csv column", "value at epoch " + last.epoch), mrows));

        b.append("<h2>Notes</h2>\n<ul>\n");
        for (String n : a.notes()) b.append("<li>").append(Html.esc(n)).append("</li>\n");
        b.append("<li>C4 projects each context embedding h_j off T_S = span{w_z - w_z' : z, z' in S_j} (the directions that set its in-support "
                + "log-odds) and compares the within-class alignment with a shuffled-label null under the same projections (see docs/REPORTS.md).</li>\n</ul>\n");
        return Html.page("ntpgeo report: " + a.run().label(), b.toString());
    }

    /** Up to {@code max} positions 0..n-1, evenly spaced (keeps the ordering). */
    static int[] thin(int n, int max) {
        if (n <= max) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            return p;
        }
        int[] p = new int[max];
        for (int i = 0; i < max; i++) p[i] = (int) ((long) i * n / max);
        return p;
    }

    static int[] boundaries(int[] pos, java.util.function.IntUnaryOperator classOf) {
        List<Integer> b = new ArrayList<>();
        for (int i = 1; i < pos.length; i++) if (classOf.applyAsInt(pos[i]) != classOf.applyAsInt(pos[i - 1])) b.add(i);
        return b.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The square sub-matrix at the given positions. */
    static Matrix sub(Matrix a, int[] pos) {
        return block(a, pos, pos);
    }

    static Matrix block(Matrix a, int[] rows, int[] cols) {
        return a.block(rows, cols);
    }

    static Matrix block(ClassLevelMatrix a, int[] rows, int[] cols) {
        Matrix s = new Matrix(rows.length, cols.length);
        for (int j = 0; j < cols.length; j++) for (int i = 0; i < rows.length; i++) s.set(i, j, a.get(rows[i], cols[j]));
        return s;
    }

    static double[] index(double[] s) {
        double[] x = new double[s.length];
        for (int i = 0; i < s.length; i++) x[i] = i + 1;
        return x;
    }

    static double[] relative(double[] s) {
        double[] y = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double r = s.length > 0 && s[0] > 0 ? s[i] / s[0] : Double.NaN;
            y[i] = r > SPECTRUM_FLOOR ? r : Double.NaN; // numerically zero: not drawn
        }
        return y;
    }

}
