package org.ntpgeo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ntpgeo.io.Json;

/** What {@code data show} prints: the summary recomputed from dataset.npz plus the provenance of dataset.json. */
public final class DatasetDescription {
    private DatasetDescription() {}

    /** Summary (from the npz) merged with the provenance fields of dataset.json (summary fields win). */
    public static ObjectNode json(Path dir) {
        NtpDataset ds = DatasetFiles.read(dir);
        ObjectNode o = Json.object();
        JsonNode stored = Files.isDirectory(dir) ? DatasetFiles.readJson(dir) : null;
        if (stored instanceof ObjectNode s) o.setAll(s);
        o.setAll(DatasetSummary.of(ds).toJson());
        return o;
    }

    public static String table(Path dir) {
        ObjectNode o = json(dir);
        StringBuilder sb = new StringBuilder();
        row(sb, "dataset", dir.toString());
        row(sb, "source", text(o, "source", "unknown") + (o.has("kind") ? " (" + o.get("kind").asText() + ")" : ""));
        row(sb, "V (vocabulary)", o.get("V").asText());
        row(sb, "m (contexts)", o.get("m").asText());
        row(sb, "n (pairs)", o.get("n").asText());
        if (o.get("T").asInt() > 0) row(sb, "T (context length)", o.get("T").asText());
        row(sb, "H (entropy, nats)", String.format(Locale.ROOT, "%.6f", o.get("H").asDouble()));
        row(sb, "nnz (support entries)", o.get("nnz").asText());
        row(sb, "support classes", o.get("support_classes").asText() + " (largest has " + o.get("largest_support_class").asText() + " contexts)");
        StringBuilder h = new StringBuilder();
        int shown = 0;
        int sizes = o.get("support_size_histogram").size();
        for (Map.Entry<String, JsonNode> e : o.get("support_size_histogram").properties()) {
            if (shown++ == 12 && sizes > 13) {
                h.append("  ... (").append(sizes - 12).append(" more sizes, up to k=").append(lastKey(o.get("support_size_histogram"))).append(")");
                break;
            }
            if (h.length() > 0) h.append("  ");
            h.append("k=").append(e.getKey()).append(": ").append(e.getValue().asText());
        }
        row(sb, "support sizes", h.toString());
        if (o.has("tokenizer")) row(sb, "tokenizer", o.get("tokenizer").get("name").asText());
        if (o.has("options")) {
            StringBuilder opts = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : o.get("options").properties()) {
                if (e.getValue().isNull()) continue;
                if (opts.length() > 0) opts.append(", ");
                opts.append(e.getKey()).append('=').append(e.getValue().asText());
            }
            row(sb, "options", opts.toString());
        }
        if (o.has("seed")) row(sb, "seed", o.get("seed").asText());
        if (o.has("inputs")) {
            for (JsonNode f : o.get("inputs")) {
                row(sb, "input", f.get("path").asText() + " (" + f.get("bytes").asText() + " bytes, sha256 "
                        + f.get("sha256").asText().substring(0, 16) + "...)");
            }
        }
        return sb.toString();
    }

    private static String lastKey(JsonNode histogram) {
        String last = "";
        for (Map.Entry<String, JsonNode> e : histogram.properties()) last = e.getKey();
        return last;
    }

    private static String text(JsonNode o, String key, String dflt) {
        return o.has(key) ? o.get(key).asText() : dflt;
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append(String.format(Locale.ROOT, "%-22s %s%n", k, v));
    }
}
