package org.ntpgeo.reproduce;

import java.util.List;
import java.util.Locale;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.theory.PathResult;

/** The index page of a reproduction: one section per experiment with its claims tables, wall time and links. */
public final class IndexPage {
    private IndexPage() {}

    /** An experiment that could not run at all (its cause is shown instead of results). */
    public record Failure(String name, String title, Cause cause, double seconds) {}

    public static String html(String heading, List<ExperimentResult> results, List<Failure> failures, List<Reproduction.Skipped> skipped,
                              double totalSeconds, List<String> notes) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(heading))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(esc(heading)).append("</h1>\n");
        b.append("<p>Zhao, Behnia, Vakilian, Thrampoulidis, <i>Implicit Geometry of Next-token Prediction</i> (COLM 2024), reproduced by "
                + "ntpgeo. Each experiment solves NTP-SVM* (L_mm) and the nuclear-norm regularisation path, trains its models, and "
                + "measures claims C1-C4 (theory.md) on every run, each beside a baseline computed the same way (docs/REPORTS.md). "
                + "Verdicts: pass (within the rule), trending (not yet, but a significant fitted slope over the last half of the "
                + "checkpoints points the predicted way), fail, n/a (with the reason). For neural models the measured values are "
                + "reported whatever they are.</p>\n");
        b.append("<p>Total wall time: ").append(secs(totalSeconds)).append(".</p>\n");
        for (String n : notes) b.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        List<String> problems = new java.util.ArrayList<>();
        for (Failure f : failures) problems.add(f.name() + " failed: " + f.cause().text());
        for (ExperimentResult r : results) problems.addAll(r.problems());
        if (!problems.isEmpty()) {
            b.append("<h2 class=\"fail\">Problems</h2>\n<ul>\n");
            for (String p : problems) b.append("<li class=\"fail\">").append(esc(p)).append("</li>\n");
            b.append("</ul>\n");
        }
        // overview
        b.append("<h2>Overview</h2>\n<table><tr><th>experiment</th><th>V</th><th>m</th><th>H</th><th>runs: claims C1-C4</th>"
                + "<th>wall time</th></tr>\n");
        for (ExperimentResult r : results) {
            DatasetSummary d = r.dataset();
            b.append("<tr><td><a href=\"#").append(esc(r.name())).append("\">").append(esc(r.name())).append("</a></td><td>")
                    .append(d.vocabSize()).append("</td><td>").append(d.contexts()).append("</td><td>").append(num(d.entropy()))
                    .append("</td><td>");
            for (RunOutcome o : r.runs()) {
                b.append(esc(o.label())).append(": ");
                if (o.claims().isEmpty()) b.append(esc(o.status()));
                else {
                    b.append(o.count(Claims.Verdict.PASS)).append('/').append(o.claims().size()).append(" pass");
                    if (o.count(Claims.Verdict.TRENDING) > 0) b.append(", ").append(o.count(Claims.Verdict.TRENDING)).append(" trending");
                }
                b.append("&nbsp; ");
            }
            b.append("</td><td>").append(secs(r.seconds())).append("</td></tr>\n");
        }
        for (Failure f : failures) {
            b.append("<tr><td>").append(esc(f.name())).append("</td><td colspan=\"4\" class=\"fail\">FAILED: ").append(cause(f.cause(), f.name() + "/"))
                    .append("</td><td>").append(secs(f.seconds())).append("</td></tr>\n");
        }
        for (Reproduction.Skipped k : skipped) {
            b.append("<tr><td>").append(esc(k.name())).append("</td><td colspan=\"4\">not run: ").append(esc(k.reason()))
                    .append("</td><td></td></tr>\n");
        }
        b.append("</table>\n");
        if (!skipped.isEmpty()) {
            b.append("<h2 id=\"not-run\">Not run</h2>\n<ul>\n");
            for (Reproduction.Skipped k : skipped) {
                b.append("<li><b>").append(esc(k.name())).append("</b> (").append(esc(k.title())).append("): ").append(esc(k.reason()))
                        .append(". Run it with:<pre>").append(esc(k.command())).append("</pre></li>\n");
            }
            b.append("</ul>\n");
        }
        for (ExperimentResult r : results) section(b, r);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void section(StringBuilder b, ExperimentResult r) {
        String dir = r.name() + "/";
        DatasetSummary d = r.dataset();
        b.append("<h2 id=\"").append(esc(r.name())).append("\">").append(esc(r.title())).append("</h2>\n");
        b.append("<p><b>Paper:</b> ").append(esc(r.paper())).append("</p>\n");
        String t = d.contextLength() == 0 ? "no context tokens (UFM only)" : "T = " + d.contextLength();
        b.append(String.format(Locale.ROOT, "<p><b>Measured data:</b> V = %d, m = %d, n = %d, %s, H = %s nats, %d support classes "
                        + "(largest %d), support sizes %s. <a href=\"%sdata/dataset.json\">dataset.json</a></p>\n", d.vocabSize(), d.contexts(),
                d.pairs(), t, num(d.entropy()), d.supportClasses(), d.largestSupportClass(), d.supportSizeHistogram(), dir));
        b.append(String.format(Locale.ROOT, "<p><b>NTP-SVM*:</b> ||L_mm||_* = %s, rank %d, ||S~||_* = %s, S~ certified optimal: %s, "
                        + "converged: %s, %s s. <a href=\"%ssvm/svm.json\">svm.json</a></p>\n", num(r.svm().nuclearNorm()), r.svm().rank(),
                num(r.svm().centeredSupportNuclearNorm()), r.svm().certified() ? "yes" : "no", r.svm().converged() ? "yes" : "NO",
                num(r.svm().seconds()), dir));
        if (r.path() != null && !r.path().isEmpty()) {
            b.append("<p><b>Regularisation path</b> (<a href=\"").append(dir).append("path/path.csv\">path.csv</a>):</p>\n")
                    .append("<table><tr><th>lambda</th><th>CE - H</th><th>||L||_*</th><th>gap(L, L_mm)</th>"
                            + "<th>gap(L - L_in, L_mm)</th><th>||P_F(L) - L_in||_F</th><th>converged</th></tr>\n");
            for (PathResult.Point p : r.path()) {
                b.append("<tr><td>").append(num(p.lambda())).append("</td><td>").append(num(p.ceMinusEntropy())).append("</td><td>")
                        .append(num(p.nuclearNorm())).append("</td><td>").append(num(p.directionGapLmm())).append("</td><td>")
                        .append(num(p.directionGapResidualLmm())).append("</td><td>").append(num(p.softLabelGap())).append("</td><td>")
                        .append(p.converged() ? "yes" : "no").append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<p><b>Runs</b>");
        if (r.compare() != null) b.append(" (<a href=\"").append(dir).append(r.compare()).append("\">compare all runs</a>)");
        b.append(":</p>\n<table><tr><th>run</th><th>status</th><th>epochs</th><th>CE - H</th><th>train time</th><th>claim</th>"
                + "<th>measured</th><th>baseline</th><th>rule</th><th>verdict</th><th>paper expects</th></tr>\n");
        for (RunOutcome o : r.runs()) {
            int rows = Math.max(1, o.claims().size());
            String label = o.report() == null ? esc(o.label()) : "<a href=\"" + dir + o.report() + "\">" + esc(o.label()) + "</a>";
            b.append("<tr><td rowspan=\"").append(rows).append("\">").append(label).append("</td><td rowspan=\"").append(rows).append("\">")
                    .append(esc(o.status())).append(o.status().equals("completed") || o.cause() != null ? "" : "<br><small>" + esc(o.message()) + "</small>")
                    .append(o.cause() == null ? "" : "<br><small class=\"fail\">" + esc(o.cause().stage()) + " failed: " + cause(o.cause(), dir) + "</small>")
                    .append("</td><td rowspan=\"").append(rows).append("\">").append(o.epochs()).append("</td><td rowspan=\"").append(rows)
                    .append("\">").append(num(o.ceMinusH())).append("</td><td rowspan=\"").append(rows).append("\">")
                    .append(secs(o.trainSeconds())).append("</td>");
            if (o.claims().isEmpty()) {
                b.append("<td colspan=\"5\">not analysed</td>");
                b.append("<td>").append(esc(o.expectation())).append("</td></tr>\n");
                continue;
            }
            for (int i = 0; i < o.claims().size(); i++) {
                Claims.Claim c = o.claims().get(i);
                if (i > 0) b.append("<tr>");
                b.append("<td>").append(esc(c.id())).append("</td><td>").append(esc(c.measured())).append("</td><td>")
                        .append(esc(c.baselineText())).append("</td><td>").append(esc(c.threshold())).append("</td><td class=\"")
                        .append(switch (c.verdict()) {
                            case PASS -> "pass";
                            case TRENDING -> "trending";
                            case FAIL -> "fail";
                            case NA -> "na";
                        }).append("\">").append(esc(c.verdict().text)).append("</td>");
                if (i == 0) b.append("<td rowspan=\"").append(rows).append("\">").append(esc(o.expectation())).append("</td>");
                b.append("</tr>\n");
            }
        }
        b.append("</table>\n");
        if (!r.notes().isEmpty()) {
            b.append("<ul>\n");
            for (String n : r.notes()) b.append("<li>").append(esc(n)).append("</li>\n");
            b.append("</ul>\n");
        }
        b.append("<p>Wall time: ").append(secs(r.seconds())).append(" (");
        var it = r.phaseSeconds().fields();
        boolean first = true;
        while (it.hasNext()) {
            var e = it.next();
            if (!first) b.append(", ");
            first = false;
            b.append(esc(e.getKey())).append(' ').append(secs(e.getValue().asDouble()));
        }
        b.append("). <a href=\"").append(dir).append("experiment.json\">experiment.json</a></p>\n");
    }

    /** Class: message, the first stack frame and a link to the log with the whole trace. */
    private static String cause(Cause c, String dir) {
        StringBuilder b = new StringBuilder(esc(c.text()));
        if (!c.at().isEmpty()) b.append("<br>at ").append(esc(c.at().get(0)));
        if (c.log() != null) b.append(" (<a href=\"").append(esc(dir + c.log())).append("\">stack trace</a>)");
        return b.toString();
    }

    static String num(double v) {
        return Claims.fmt(v);
    }

    static String secs(double s) {
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f s", s);
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 6px;font-size:90%;vertical-align:top}"
            + "th{background:#eee}.pass{color:#060;font-weight:bold}.fail{color:#a00;font-weight:bold}.trending{color:#8a5a00;font-weight:bold}"
            + ".na{color:#555}.note{color:#555}";
}
