package org.ntpgeo.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;

/**
 * The content of {@code RUN/run.json} (format {@code ntpgeo-run/1}), written and read only here:
 * <pre>
 *   {"format": "ntpgeo-run/1",
 *    "data": "../data",                       the dataset directory, relative to the run directory
 *    "status": "completed",                   running | completed | interrupted | diverged ({@link RunStatus})
 *    "message": "...",                        why it stopped (interrupted, diverged)
 *    "diverged_at_epoch": 17,                 (diverged)
 *    "V": 30, "m": 16, "entropy_H": 1.02,     the dataset's sizes and entropy H
 *    "loss_limit": 340.1,                     the divergence rule's bound on the loss (training runs)
 *    "final": {"epoch", "loss", "ce_minus_h", "norm_w", "norm_h", "norm_l", "seconds", "checkpoint"},
 *    "provenance": {"created_by", "ntpgeo_version", "created_at", "updated_at", "java", "os", "blas",
 *                   "options": {snake_case training options}, "inputs": {"dataset": {"path", "sha256"}}}}
 * </pre>
 * Runs written before this layout (absolute {@code data}, top-level {@code data_sha256}, camelCase
 * {@code options}, a {@code versions} block) are read as they are: {@link #options()}, {@link #datasetSha256()} and
 * {@link #dataDir(Path)} understand both.
 */
public final class RunManifest {
    public static final String FORMAT = "ntpgeo-run/1";

    /** The last logged epoch of a run (the {@code final} block). */
    public record FinalEpoch(long epoch, double loss, double ceMinusH, double normW, double normH, double normL, double seconds,
                             String checkpoint) {
        ObjectNode toJson() {
            ObjectNode f = Json.object();
            f.put("epoch", epoch);
            f.put("loss", loss);
            f.put("ce_minus_h", ceMinusH);
            f.put("norm_w", normW);
            f.put("norm_h", normH);
            f.put("norm_l", normL);
            f.put("seconds", seconds);
            f.put("checkpoint", checkpoint);
            return f;
        }

        static FinalEpoch fromJson(JsonNode f) {
            if (f == null || !f.isObject()) return null;
            return new FinalEpoch(f.path("epoch").asLong(), num(f, "loss"), num(f, "ce_minus_h"), num(f, "norm_w"), num(f, "norm_h"),
                    num(f, "norm_l"), num(f, "seconds"), f.path("checkpoint").asText(null));
        }
    }

    private final ObjectNode json;

    private RunManifest(ObjectNode json) {
        this.json = json;
    }

    /**
     * A new manifest for a run at {@code runDir} (its final place) trained or imported from the dataset in
     * {@code dataDir}; status {@code running}.
     */
    public static RunManifest create(Path runDir, Path dataDir, String datasetSha256, int vocab, int contexts, double entropy,
                                     Provenance provenance) {
        ObjectNode o = Json.object();
        o.put("format", FORMAT);
        String data = relativePath(runDir, dataDir);
        o.put("data", data);
        o.put("status", RunStatus.RUNNING.id());
        o.put("V", vocab);
        o.put("m", contexts);
        o.put("entropy_H", entropy);
        o.set("provenance", provenance.input("dataset", data, datasetSha256).toJson());
        return new RunManifest(o);
    }

    /** Reads a manifest (any {@code ntpgeo-run/1} layout); the caller checks {@link #format()}. */
    public static RunManifest fromJson(JsonNode node) {
        if (node == null || !node.isObject()) throw new IllegalArgumentException("run.json is not a JSON object");
        return new RunManifest(((ObjectNode) node).deepCopy());
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /**
     * Rewrites a manifest of the older layout into the current one (for a run at {@code runDir} that is being
     * written again): dataset path relative to the run, a provenance block built from {@code versions},
     * {@code data_sha256} and the options. A no-op for current manifests.
     */
    public RunManifest migrate(Path runDir, String createdBy) {
        if (json.has("provenance")) return this;
        ObjectNode options = options();
        String sha = datasetSha256();
        Path data = dataDir(runDir);
        JsonNode versions = json.path("versions");
        ObjectNode p = json.putObject("provenance");
        p.put("created_by", createdBy);
        p.put("ntpgeo_version", versions.path("ntpgeo").asText("unknown"));
        for (String k : new String[] {"java", "os", "blas"}) if (versions.has(k)) p.put(k, versions.get(k).asText());
        p.set("options", options);
        if (data != null) {
            String rel = relativePath(runDir, data);
            json.put("data", rel);
            ObjectNode in = p.putObject("inputs").putObject("dataset");
            in.put("path", rel);
            in.put("sha256", sha);
        }
        json.remove("versions");
        json.remove("data_sha256");
        json.remove("options");
        return this;
    }

    /** {@code dataDir} relative to {@code runDir} when both are on one file system root, else absolute. */
    static String relativePath(Path runDir, Path dataDir) {
        Path r = runDir.toAbsolutePath().normalize(), d = dataDir.toAbsolutePath().normalize();
        try {
            if (r.getRoot() != null && r.getRoot().equals(d.getRoot())) {
                String rel = r.relativize(d).toString();
                return rel.isEmpty() ? "." : rel;
            }
        } catch (IllegalArgumentException ignored) {
            // different roots
        }
        return d.toString();
    }

    public String format() {
        return json.path("format").asText("");
    }

    /** The dataset path as stored (relative to the run directory, or absolute in older runs). */
    public String dataPath() {
        return json.path("data").asText("");
    }

    /** The dataset directory of a run stored at {@code runDir}, or null when run.json names none. */
    public Path dataDir(Path runDir) {
        String d = dataPath();
        if (d.isEmpty()) return null;
        Path p = Path.of(d);
        return (p.isAbsolute() ? p : runDir.resolve(p)).toAbsolutePath().normalize();
    }

    /** sha256 of dataset.npz when the run was made, or "" when not recorded. */
    public String datasetSha256() {
        String s = json.path("provenance").path("inputs").path("dataset").path("sha256").asText("");
        return s.isEmpty() ? json.path("data_sha256").asText("") : s;
    }

    /** The status word as stored ("?" when absent). */
    public String statusText() {
        return json.path("status").asText("?");
    }

    /** The status, or null when run.json holds a word this version does not know. */
    public RunStatus status() {
        return RunStatus.parse(statusText());
    }

    public RunManifest status(RunStatus status, String message) {
        json.put("status", status.id());
        if (message == null) {
            json.remove("message");
        } else {
            json.put("message", message);
        }
        if (status != RunStatus.DIVERGED) json.remove("diverged_at_epoch");
        return this;
    }

    public RunManifest divergedAt(long epoch, String message) {
        status(RunStatus.DIVERGED, message);
        json.put("diverged_at_epoch", epoch);
        return this;
    }

    public String message() {
        return json.path("message").asText(null);
    }

    public int vocabSize() {
        return json.path("V").asInt(-1);
    }

    public int contexts() {
        return json.path("m").asInt(-1);
    }

    public double entropy() {
        return num(json, "entropy_H");
    }

    /** The divergence bound on the loss, or NaN when not recorded (older runs, imported runs). */
    public double lossLimit() {
        return num(json, "loss_limit");
    }

    public RunManifest lossLimit(double limit) {
        json.put("loss_limit", limit);
        return this;
    }

    public FinalEpoch last() {
        return FinalEpoch.fromJson(json.get("final"));
    }

    public RunManifest last(FinalEpoch f) {
        json.set("final", f.toJson());
        return this;
    }

    /** A copy of the provenance block (for old runs, the {@code versions} block). */
    public JsonNode provenance() {
        return (json.has("provenance") ? json.get("provenance") : json.path("versions")).deepCopy();
    }

    private ObjectNode provenanceNode() {
        return json.has("provenance") && json.get("provenance").isObject() ? (ObjectNode) json.get("provenance") : json.putObject("provenance");
    }

    /** Sets one field of the provenance block (e.g. where imported arrays came from). */
    public RunManifest provenance(String key, JsonNode value) {
        ObjectNode p = provenanceNode();
        p.set(key, value);
        return this;
    }

    /** Records the time of this write in the provenance block ({@code updated_at}) and what wrote it. */
    public RunManifest touch(Map<String, String> fields) {
        ObjectNode p = provenanceNode();
        p.put("updated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        fields.forEach(p::put);
        return this;
    }

    /**
     * The options of the run with snake_case keys: provenance.options, or for older runs the top-level options with
     * their camelCase keys renamed ({@code learningRate} -> {@code learning_rate}, {@code float64} -> {@code dtype}).
     * Empty when none are recorded.
     */
    public ObjectNode options() {
        JsonNode p = json.path("provenance").path("options");
        if (p.isObject()) return ((ObjectNode) p).deepCopy();
        ObjectNode out = Json.object();
        JsonNode legacy = json.path("options");
        if (!legacy.isObject()) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = legacy.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("float64")) {
                out.put("dtype", e.getValue().asBoolean(true) ? "float64" : "float32");
            } else {
                out.set(snakeCase(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    /** Replaces the recorded options (provenance.options); drops a legacy top-level block. */
    public RunManifest options(ObjectNode options) {
        ObjectNode p = provenanceNode();
        p.set("options", options);
        json.remove("options");
        return this;
    }

    /** The model kind from the options, or "?" when absent. */
    public String model() {
        JsonNode m = options().get("model");
        return m == null || m.isNull() ? "?" : m.asText();
    }

    static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static double num(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
