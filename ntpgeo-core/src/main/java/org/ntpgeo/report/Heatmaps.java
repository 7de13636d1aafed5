package org.ntpgeo.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.ntpgeo.geometry.Claims;
import org.ntpgeo.linalg.Matrix;

/**
 * Heatmaps drawn with Java2D (one pixel per matrix cell, scaled with nearest-neighbour sampling) side by side,
 * each with its own horizontal colour bar and stated range; the same painting code produces PNG and SVG
 * (VectorGraphics2D embeds the cell image). Diverging blue-white-red colour scale, NaN cells grey.
 */
public final class Heatmaps {
    private static final int PANEL = 300;
    private static final int MARGIN = 24;
    private static final int TITLE_H = 34;
    private static final int PANEL_TITLE_H = 22;
    private static final int BAR_H = 14;
    private static final int BAR_LABEL_H = 34;
    private static final Color NAN = new Color(0x999999);
    private static final Color[] ANCHORS = {new Color(0x2166ac), new Color(0x92c5de), new Color(0xf7f7f7), new Color(0xf4a582), new Color(0xb2182b)};

    private Heatmaps() {}

    /**
     * A panel: values drawn row by row; colour scale from {@code min} (blue) through the midpoint (white) to
     * {@code max} (red); {@code boundaries} (may be null) are indices where a new group starts, drawn as thin lines
     * after both rows and columns when the matrix is square, after columns otherwise.
     */
    public record Panel(String title, Matrix values, double min, double max, String scaleLabel, int[] boundaries) {
        /** A panel with a symmetric scale [-a, a], a = max |value| (1 if all zero). */
        public static Panel symmetric(String title, Matrix values, String scaleLabel, int[] boundaries) {
            double a = 0;
            for (double v : values.data) if (Double.isFinite(v)) a = Math.max(a, Math.abs(v));
            if (a == 0) a = 1;
            return new Panel(title, values, -a, a, scaleLabel, boundaries);
        }
    }

    public static Figure figure(String name, String title, String caption, List<Panel> panels) {
        int[] size = new int[2];
        layout(panels, size);
        BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        paint(g, title, panels, size);
        g.dispose();
        byte[] png;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            png = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg, title, panels, size);
        byte[] svg;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, size[0], size[1])).writeTo(out);
            svg = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Figure(name, title, caption, png, svg, size[0], size[1]);
    }

    private static int[] panelSize(Panel p) {
        int r = p.values().rows, c = p.values().cols;
        if (r >= c) return new int[] {Math.max(60, (int) Math.round(PANEL * (double) c / r)), PANEL};
        return new int[] {PANEL, Math.max(60, (int) Math.round(PANEL * (double) r / c))};
    }

    private static void layout(List<Panel> panels, int[] size) {
        int w = MARGIN, h = 0;
        for (Panel p : panels) {
            int[] s = panelSize(p);
            w += Math.max(s[0], 200) + MARGIN;
            h = Math.max(h, s[1]);
        }
        size[0] = w;
        size[1] = TITLE_H + PANEL_TITLE_H + h + 10 + BAR_H + BAR_LABEL_H + MARGIN / 2;
    }

    private static void paint(Graphics2D g, String title, List<Panel> panels, int[] size) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size[0], size[1]);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, MARGIN, 22);
        int maxH = 0;
        for (Panel p : panels) maxH = Math.max(maxH, panelSize(p)[1]);
        int x = MARGIN;
        for (Panel p : panels) {
            int[] s = panelSize(p);
            int slot = Math.max(s[0], 200);
            int px = x + (slot - s[0]) / 2;
            int py = TITLE_H + PANEL_TITLE_H;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            String t = p.title();
            g.drawString(t, x + Math.max(0, (slot - fm.stringWidth(t)) / 2), TITLE_H + 14);
            g.drawImage(cells(p), px, py, s[0], s[1], null);
            g.setColor(new Color(0x444444));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(px, py, s[0], s[1]);
            if (p.boundaries() != null && p.boundaries().length < 80) {
                g.setColor(new Color(0, 0, 0, 90));
                g.setStroke(new BasicStroke(0.5f));
                for (int b : p.boundaries()) {
                    if (b <= 0) continue;
                    int bx = px + (int) Math.round(s[0] * (double) b / p.values().cols);
                    g.drawLine(bx, py, bx, py + s[1]);
                    if (p.values().rows == p.values().cols) {
                        int by = py + (int) Math.round(s[1] * (double) b / p.values().rows);
                        g.drawLine(px, by, px + s[0], by);
                    }
                }
            }
            // colour bar
            int by = TITLE_H + PANEL_TITLE_H + maxH + 10;
            int bw = slot - 20, bx = x + 10;
            for (int i = 0; i < bw; i++) {
                g.setColor(colour(p.min() + (p.max() - p.min()) * (i + 0.5) / bw, p.min(), p.max()));
                g.fillRect(bx + i, by, 1, BAR_H);
            }
            g.setColor(new Color(0x444444));
            g.drawRect(bx, by, bw, BAR_H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            fm = g.getFontMetrics();
            String lo = Claims.fmt(p.min()), hi = Claims.fmt(p.max()), mid = Claims.fmt((p.min() + p.max()) / 2);
            g.drawString(lo, bx, by + BAR_H + 13);
            g.drawString(mid, bx + (bw - fm.stringWidth(mid)) / 2, by + BAR_H + 13);
            g.drawString(hi, bx + bw - fm.stringWidth(hi), by + BAR_H + 13);
            String lab = p.scaleLabel();
            g.drawString(lab, bx + Math.max(0, (bw - fm.stringWidth(lab)) / 2), by + BAR_H + 27);
            x += slot + MARGIN;
        }
    }

    private static BufferedImage cells(Panel p) {
        Matrix v = p.values();
        BufferedImage img = new BufferedImage(Math.max(1, v.cols), Math.max(1, v.rows), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < v.rows; i++) for (int j = 0; j < v.cols; j++) img.setRGB(j, i, colour(v.get(i, j), p.min(), p.max()).getRGB());
        return img;
    }

    /** Diverging colour of {@code v} on [min, max] (clamped); grey for NaN. */
    public static Color colour(double v, double min, double max) {
        if (!Double.isFinite(v)) return NAN;
        double t = max > min ? (v - min) / (max - min) : 0.5;
        t = Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int k = Math.min(ANCHORS.length - 2, (int) Math.floor(t));
        double f = t - k;
        Color a = ANCHORS[k], b = ANCHORS[k + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())), (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
