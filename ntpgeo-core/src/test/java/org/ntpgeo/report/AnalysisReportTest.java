package org.ntpgeo.report;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.geometry.Fixtures;
import org.ntpgeo.geometry.Metric;
import org.ntpgeo.geometry.PathReference;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.io.Json;

/** End to end: a small UFM gradient-descent run -> analysis -> report directory. */
class AnalysisReportTest {
    @TempDir
    static Path tmp;
    static RunAnalysis analysis;
    static Path report;

    @BeforeAll
    static void run() throws Exception {
        NtpDataset ds = Fixtures.symmetric(6, 2, 2, 5); // V=6, m=30, L_mm = S~ (Prop. 2)
        Path data = Fixtures.writeDataset(tmp.resolve("data"), ds);
        Path runDir = Fixtures.newRun(tmp.resolve("run"), data, "ufm");
        Fixtures.ufmGradientDescent(runDir, ds, 8, 2.0, new long[] {0, 10, 30, 100, 300, 1000, 2000}, 7);
        RunReader.TrainingRun run = RunReader.open(runDir, null);
        TheoryReference ref = TheoryReference.of(ds, Fixtures.centeredSupport(ds), -1, "S~ (Prop. 2)");
        PathReference path = PathReference.solve(ds, ref.lmm(), new double[] {1e-1, 1e-2, 1e-3, 1e-4}, 0, ProgressListener.NONE);
        analysis = RunAnalysis.analyze(run, ds, ref, path, ProgressListener.NONE);
        report = tmp.resolve("report");
        AnalysisReport.write(analysis, report, false);
    }

    @Test
    void gradientDescentFollowsTheTheory() {
        var s = analysis.series();
        assertEquals(7, s.size());
        var first = s.get(1); // epoch 10
        var last = analysis.last();
        assertEquals(2000, last.epoch);
        assertTrue(last.get(Metric.CE_MINUS_H) < first.get(Metric.CE_MINUS_H));
        assertTrue(last.get(Metric.NORM_L) > first.get(Metric.NORM_L));
        assertTrue(last.get(Metric.GAP_LRES_LMM) < first.get(Metric.GAP_LRES_LMM));
        assertTrue(last.get(Metric.F_RECOVERY_REL) < first.get(Metric.F_RECOVERY_REL));
        assertTrue(last.get(Metric.FACTOR_RESIDUAL) < 1e-12);
        // C4 (Prop. 1): 15 classes of two contexts collapse off T_S, far above the shuffled-label null
        assertEquals(15, (int) last.get(Metric.COLLAPSE_CLASSES));
        assertTrue(last.get(Metric.COLLAPSE_COS) > 0.99, "collapse " + last.get(Metric.COLLAPSE_COS));
        assertTrue(last.get(Metric.COLLAPSE_NULL_MEAN) < 0.5, "null " + last.get(Metric.COLLAPSE_NULL_MEAN));
        assertTrue(first.get(Metric.COLLAPSE_COS) < last.get(Metric.COLLAPSE_COS));
        Claims.Claim c4 = analysis.claims().get(3);
        assertEquals(Claims.Verdict.PASS, c4.verdict(), c4.measured());
        assertEquals(last.get(Metric.COLLAPSE_NULL_MEAN), (Double) c4.baseline().get("null_mean"));
        // unregularised GD: no L_lambda of its own; its position on the path moves to smaller lambda as ||L|| grows
        assertTrue(analysis.context().ufmLambda().isEmpty());
        assertTrue(s.get(2).get(Metric.PATH_LAMBDA) >= last.get(Metric.PATH_LAMBDA));
        assertEquals(last.get(Metric.PATH_LAMBDA), (Double) analysis.claims().get(0).baseline().get("path_position_lambda"));
    }

    @Test
    void reportDirectoryIsCompleteAndSelfContained() throws Exception {
        String html = Files.readString(report.resolve("index.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network references");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(>|=\\s?)(NaN|nan|-?Infinity)").matcher(html).find(), "no raw NaN on the page");
        Matcher mt = Pattern.compile("src=\"(figures/[^\"]+)\"").matcher(html);
        int images = 0;
        while (mt.find()) {
            Path png = report.resolve(mt.group(1));
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " decodes");
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
            Path svg = report.resolve(mt.group(1).replace(".png", ".svg"));
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            assertEquals("svg", f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName());
            images++;
        }
        assertEquals(12, images);
        for (String c : List.of("C1", "C2", "C3", "C4")) assertTrue(html.contains("<b>" + c + "</b>"));
        List<String> csv = Files.readAllLines(report.resolve("series.csv"));
        assertEquals(1 + 7, csv.size());
        assertEquals(1 + Metric.values().length, csv.get(0).split(",").length);
        JsonNode j = Json.read(report.resolve("metrics.json"));
        assertEquals(2000, j.get("final_epoch").asLong());
        for (Metric m : Metric.values()) {
            JsonNode v = j.get("final").get(m.key);
            assertTrue(v.isNumber() || j.get("na_reasons").has(m.key), m.key + " is a number or has a reason");
        }
        assertEquals(4, j.get("claims").size());
        for (JsonNode c : j.get("claims")) {
            assertTrue(List.of("pass", "trending", "fail", "n/a").contains(c.get("verdict").asText()));
            assertTrue(c.get("baseline").isObject() && c.get("baseline").size() > 0, c.toString());
        }
        assertEquals(4, j.get("path").get("points").size());
        assertTrue(html.contains("c4-null.png") && html.contains("path-position.png"));
    }

    @Test
    void refusesToOverwriteAndRejectsBadRuns() throws Exception {
        assertThrows(RuntimeException.class, () -> AnalysisReport.write(analysis, report, false));
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        assertThrows(UserError.class, () -> RunReader.open(bad, null));
        Files.writeString(bad.resolve("run.json"), "{\"format\":\"other\"}");
        UserError e = assertThrows(UserError.class, () -> RunReader.open(bad, null));
        assertTrue(e.getMessage().contains("ntpgeo-run/1"));
    }

    /** Renders the page in a real browser (headless Chromium) when it is installed. */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path script = Path.of("..", "bench", "check_report_chromium.sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium not installed");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(script), "bench script not found");
        Process p = new ProcessBuilder("bash", script.toString(), report.toString(), tmp.resolve("shot.png").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("images: 12, broken: 0"), out);
        assertTrue(Files.size(tmp.resolve("shot.png")) > 10_000);
    }
}
