package org.ntpgeo.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.geometry.CheckpointMetrics;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.Metric;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;

/**
 * Several analysed runs on one page: the training curves of each key metric with one curve per run, the
 * claims verdicts per run and the final metrics side by side. Writes {@code index.html}, {@code metrics.json}
 * (per run: final values and claims), {@code series-RUN.csv} per run and {@code figures/}.
 */
public final class CompareReport {
    private CompareReport() {}

    public static void write(List<RunAnalysis> runs, Path out, boolean replace) {
        List<String> labels = labels(runs);
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(out, replace)) {
            Path figs = dir.path().resolve("figures");
            AtomicFiles.createDirectories(figs);
            List<Figure> figures = new ArrayList<>();
            List<List<CheckpointMetrics>> series = runs.stream().map(RunAnalysis::series).toList();
            for (Metric m : CurveFigures.COMPARE) {
                Figure f = CurveFigures.compare(m, labels, series);
                if (f != null) figures.add(f);
            }
            for (Figure f : figures) f.write(figs);
            ObjectNode json = Json.object();
            json.put("format", "ntpgeo-compare/1");
            Provenance provenance = Provenance.of("ntpgeo report compare");
            ObjectNode per = json.putObject("runs");
            for (int i = 0; i < runs.size(); i++) {
                String file = "series-" + labels.get(i) + ".csv";
                AnalysisReport.writeSeries(runs.get(i).series(), dir.path().resolve(file));
                ObjectNode r = AnalysisReport.metricsJson(runs.get(i), out);
                r.put("series_csv", file);
                AnalysisReport.recordInputs(provenance, " " + labels.get(i), runs.get(i), out);
                per.set(labels.get(i), r);
            }
            Json.write(dir.path().resolve("metrics.json"), provenance.addTo(json));
            AtomicFiles.writeString(dir.path().resolve("index.html"), html(runs, labels, figures, out));
            dir.commit();
        }
    }

    /** Unique, file-name-safe labels: the run directory names (suffixed -2, -3... on clashes). */
    static List<String> labels(List<RunAnalysis> runs) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (RunAnalysis r : runs) {
            String base = r.run().label().replaceAll("[^A-Za-z0-9._-]", "_");
            int n = seen.merge(base, 1, Integer::sum);
            out.add(n == 1 ? base : base + "-" + n);
        }
        return out;
    }

    static String html(List<RunAnalysis> runs, List<String> labels, List<Figure> figures, Path reportDir) {
        StringBuilder b = new StringBuilder("<h1>ntpgeo run comparison</h1>\n");
        List<List<String>> rrows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunAnalysis a = runs.get(i);
            rrows.add(List.of("<b>" + Html.esc(labels.get(i)) + "</b>", "<code>" + Html.esc(ReportPaths.relative(reportDir, a.run().dir())) + "</code>",
                    Html.esc(a.run().model()), Html.esc(a.run().status()), a.series().size() + " (epochs " + a.series().get(0).epoch + " to " + a.last().epoch + ")",
                    "V=" + a.dataset().vocabSize() + ", m=" + a.dataset().contextCount() + ", H=" + Claims.fmt(a.dataset().entropy()),
                    Html.esc(a.reference().lmmSource())));
        }
        b.append("<h2>Runs</h2>\n").append(Html.table(List.of("run", "directory", "model", "status", "checkpoints", "dataset", "L_mm"), rrows));

        b.append("<h2>Claims (final checkpoint of each run)</h2>\n<p class=\"small\">Verdicts pass / trending / fail / n/a as in each run's "
                + "report (docs/REPORTS.md). Runs that minimised the UFM objective with weight decay are judged against their own L_lambda "
                + "(\"on the path\"), other runs by their direction to L_mm; each cell states its rule.</p>\n");
        List<String> ch = new ArrayList<>(List.of("run"));
        List<Claims.Claim> proto = runs.get(0).claims();
        for (Claims.Claim c : proto) ch.add(c.id());
        List<List<String>> crows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<String> r = new ArrayList<>(List.of("<b>" + Html.esc(labels.get(i)) + "</b>"));
            for (Claims.Claim c : runs.get(i).claims()) {
                r.add(Html.verdict(c.verdict().text) + " <span class=\"small\">" + Html.esc(c.measured()) + "<br>baseline: " + Html.esc(c.baselineText())
                        + "<br>rule: " + Html.esc(c.threshold())
                        + "</span>");
            }
            crows.add(r);
        }
        b.append(Html.table(ch, crows));

        b.append("<h2>Curves</h2>\n");
        for (Figure f : figures) b.append(Html.figure(f));

        b.append("<h2>Final metrics</h2>\n");
        List<String> mh = new ArrayList<>(List.of("metric"));
        for (String l : labels) mh.add(Html.esc(l));
        List<List<String>> mrows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            List<String> r = new ArrayList<>(List.of(Html.esc(m.label) + " <code>" + m.key + "</code>"));
            for (RunAnalysis a : runs) r.add(Html.esc(Claims.fmt(a.last(), m)));
            mrows.add(r);
        }
        b.append(Html.table(mh, mrows));
        b.append("<h2>Notes</h2>\n<ul>\n");
        for (int i = 0; i < runs.size(); i++) {
            for (String n : runs.get(i).notes()) b.append("<li><b>").append(Html.esc(labels.get(i))).append(":</b> ").append(Html.esc(n)).append("</li>\n");
        }
        b.append("</ul>\n<p class=\"small\">Files: <a href=\"metrics.json\">metrics.json</a>");
        for (String l : labels) b.append(", <a href=\"series-").append(Html.esc(l)).append(".csv\">series-").append(Html.esc(l)).append(".csv</a>");
        b.append("</p>\n");
        return Html.page("ntpgeo comparison of " + runs.size() + " runs", b.toString());
    }

}
