package org.ntpgeo.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The provenance block of the JSON files ntpgeo writes, so that a result can be traced and rerun:
 * <pre>
 *   "provenance": {"created_by": "ntpgeo train", "ntpgeo_version": "0.1.0", "created_at": "2026-11-30T12:00:00Z",
 *                  "java": "17.0.12", "os": "Linux amd64", "options": {...}, "inputs": {"dataset": {"path": ..., "sha256": ...}}}
 * </pre>
 * {@code ntpgeo_version} is the Implementation-Version of the ntpgeo-core jar's manifest, or {@code "unknown"} when
 * the classes do not come from a jar (an IDE or a test run).
 */
public final class Provenance {
    private final ObjectNode node = Json.object();

    private Provenance(String createdBy, boolean stamped) {
        node.put("created_by", createdBy);
        node.put("ntpgeo_version", version());
        if (stamped) {
            node.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            node.put("java", System.getProperty("java.version"));
            node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    /** A block for a file written by {@code createdBy} (e.g. "ntpgeo train") now. */
    public static Provenance of(String createdBy) {
        return new Provenance(createdBy, true);
    }

    /**
     * A block without time, Java or OS, for files that must be byte-identical when rebuilt from the same inputs
     * (dataset.json: {@code data build} and the Spark job write the same bytes).
     */
    public static Provenance reproducible(String createdBy) {
        return new Provenance(createdBy, false);
    }

    /** The ntpgeo version from the jar manifest, or "unknown". */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "unknown" : v;
    }

    /** The options that produced the file (snake_case keys). */
    public Provenance options(JsonNode options) {
        node.set("options", options);
        return this;
    }

    /** One input file or directory by role, with its path as it should be recorded and its sha256. */
    public Provenance input(String role, String path, String sha256) {
        ObjectNode in = node.has("inputs") ? (ObjectNode) node.get("inputs") : node.putObject("inputs");
        ObjectNode o = in.putObject(role);
        o.put("path", path);
        o.put("sha256", sha256);
        return this;
    }

    /** One input by role with its sha256 (a file, or a directory's defining file). */
    public Provenance input(String role, java.nio.file.Path path, String sha256) {
        return input(role, path.toString(), sha256);
    }

    /** Any other structured field (e.g. a list of input files). */
    public Provenance set(String key, JsonNode value) {
        node.set(key, value);
        return this;
    }

    /** Adds this block as {@code "provenance"} to {@code json} (replacing one that is there) and returns {@code json}. */
    public ObjectNode addTo(ObjectNode json) {
        json.set(KEY, node.deepCopy());
        return json;
    }

    /** The key of the block in every JSON file ntpgeo writes. */
    public static final String KEY = "provenance";

    /** Any other field (e.g. the BLAS build of a training run). */
    public Provenance put(String key, String value) {
        node.put(key, value);
        return this;
    }

    public ObjectNode toJson() {
        return node;
    }
}
