package org.ntpgeo.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JSON reading and atomic writing (Jackson). Non-finite doubles are refused at write time: a NaN must
 * never reach a report silently, so callers decide explicitly (for example by writing {@code null} and a reason).
 *
 * <p>Trees of JSON nodes (what the library builds) are created and written without an {@link ObjectMapper}: the
 * mapper's class set-up (date formats, calendars and locale data) costs a cold process tens of milliseconds, which
 * a short command such as {@code data build} on a small corpus would pay for nothing. The mapper is made on first
 * use, for reading and for other values (records, maps).
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS);
    }

    /** The shared mapper (indented output, map entries ordered by key). */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Pretty JSON with a trailing newline; the same bytes for a tree of nodes as the mapper writes. */
    public static String toString(Object value) {
        if (value instanceof JsonNode node && plain(node)) {
            checkFinite(node, "$");
            StringWriter out = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                writeTree(g, node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out + "\n";
        }
        checkFinite(mapper().valueToTree(value), "$");
        try {
            return mapper().writer(new DefaultPrettyPrinter()).writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree of objects, arrays, strings, numbers, booleans and nulls only (no binary or POJO nodes). */
    private static boolean plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : node) if (!plain(child)) yield false;
                yield true;
            }
            case STRING, NUMBER, BOOLEAN, NULL -> true;
            default -> false;
        };
    }

    /** As JsonNode.serialize does with the mapper's default settings (properties in insertion order). */
    private static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    g.writeFieldName(e.getKey());
                    writeTree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : node) writeTree(g, child);
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                }
            }
            default -> throw new IllegalStateException("not a plain JSON node: " + node.getNodeType());
        }
    }

    /** Atomically write a value (a JsonNode, map, record...) as pretty JSON with a trailing newline. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, toString(value));
    }

    public static JsonNode read(Path file) {
        try {
            return mapper().readTree(file.toFile());
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
