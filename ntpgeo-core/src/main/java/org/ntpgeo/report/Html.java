package org.ntpgeo.report;

import java.util.List;

/** Minimal HTML building: escaping, a page shell with inline CSS (no scripts, no network), figures, tables. */
final class Html {
    private Html() {}

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + body + "\n</body>\n</html>\n";
    }

    static String figure(Figure f) {
        return "<figure id=\"fig-" + esc(f.name()) + "\">\n<img src=\"figures/" + esc(f.name()) + ".png\" alt=\"" + esc(f.title()) + "\" width=\""
                + f.width() + "\" height=\"" + f.height() + "\">\n<figcaption>" + esc(f.caption()) + " <a href=\"figures/" + esc(f.name())
                + ".svg\">SVG</a></figcaption>\n</figure>\n";
    }

    /** A table; cells are already-escaped HTML. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (String h : header) b.append("<th>").append(h).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (String c : r) b.append("<td>").append(c).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    static String verdict(String text) {
        String cls = switch (text) {
            case "pass" -> "pass";
            case "fail" -> "fail";
            case "trending" -> "trending";
            default -> "na";
        };
        return "<span class=\"verdict " + cls + "\">" + esc(text) + "</span>";
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; line-height: 1.4; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 1.6em; }
            table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .verdict { font-weight: bold; padding: .1em .5em; border-radius: .3em; }
            .pass { background: #d6f5d6; color: #145214; } .fail { background: #f9d6d5; color: #7a1212; } .trending { background: #fcebc4; color: #6b4a00; } .na { background: #eee; color: #555; }
            figure { margin: 1.2em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: .9em; color: #444; max-width: 900px; }
            code { background: #f5f5f5; padding: 0 .2em; }
            .small { font-size: .85em; color: #555; }
            """;
}
