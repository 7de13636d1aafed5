package org.ntpgeo.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JSON reading and atomic writing (Jackson). Non-finite doubles are refused at write time: a NaN must
 * never reach a report silently, so callers decide explicitly (for example by writing {@code null} and a reason).
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String toString(Object value) {
        checkFinite(MAPPER.valueToTree(value), "$");
        try {
            return MAPPER.writer(new DefaultPrettyPrinter()).writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Atomically write a value (a JsonNode, map, record...) as pretty JSON with a trailing newline. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, toString(value));
    }

    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkFinite(JsonNode node, String path) {
        if (node.isDouble() || node.isFloat()) {
            double v = node.asDouble();
            if (!Double.isFinite(v)) throw new IllegalArgumentException("non-finite number " + v + " at " + path);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> checkFinite(e.getValue(), path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkFinite(node.get(i), path + "[" + i + "]");
        }
    }
}
