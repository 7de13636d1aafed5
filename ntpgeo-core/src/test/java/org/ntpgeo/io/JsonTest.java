package org.ntpgeo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Json writes trees of nodes with its own generator walk (no ObjectMapper): the bytes must be those Jackson's mapper
 * writes for the same tree (the mapper is the independent computation here), for every kind of plain node.
 */
class JsonTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String viaMapper(Object value) throws Exception {
        return Json.mapper().writer(new DefaultPrettyPrinter()).writeValueAsString(value) + "\n";
    }

    private static JsonNode randomTree(Random r, int depth) {
        int kind = depth == 0 ? 2 + r.nextInt(10) : r.nextInt(12);
        return switch (kind) {
            case 0 -> {
                ObjectNode o = F.objectNode();
                int n = r.nextInt(5);
                // keys in no particular order: the mapper keeps insertion order for trees
                for (int i = 0; i < n; i++) o.set("k" + r.nextInt(100) + (r.nextBoolean() ? "\u00e9\"\\\n" : ""), randomTree(r, depth - 1));
                yield o;
            }
            case 1 -> {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) a.add(randomTree(r, depth - 1));
                yield a;
            }
            case 2 -> F.numberNode(r.nextInt());
            case 3 -> F.numberNode(r.nextLong());
            case 4 -> F.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            case 5 -> F.numberNode((float) r.nextGaussian());
            case 6 -> F.numberNode(BigInteger.valueOf(r.nextLong()).pow(3));
            case 7 -> F.numberNode(new BigDecimal(r.nextLong()).scaleByPowerOfTen(-r.nextInt(30)));
            case 8 -> F.textNode("s\t" + (char) ('a' + r.nextInt(26)) + "\u2028\u0001/" + r.nextInt());
            case 9 -> F.booleanNode(r.nextBoolean());
            case 10 -> F.nullNode();
            default -> F.numberNode((short) r.nextInt());
        };
    }

    @Test
    void treesAreWrittenAsTheMapperWritesThem() throws Exception {
        Random r = new Random(20261202);
        for (int i = 0; i < 300; i++) {
            JsonNode tree = randomTree(r, 1 + r.nextInt(4));
            assertEquals(viaMapper(tree), Json.toString(tree), tree.toString());
        }
        ObjectNode empty = Json.object();
        empty.putArray("none");
        empty.putObject("nothing");
        empty.put("zero", -0.0).put("tiny", Double.MIN_VALUE).put("huge", Double.MAX_VALUE);
        assertEquals(viaMapper(empty), Json.toString(empty));
    }

    @Test
    void nonFiniteNumbersAreRefusedWithTheirPath() {
        ObjectNode o = Json.object();
        o.putObject("a").putArray("b").add(1.0).add(Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.toString(o));
        assertEquals("non-finite number NaN at $.a.b[1]", e.getMessage());
    }

    @Test
    void otherValuesStillGoThroughTheMapper() throws Exception {
        Map<String, Object> map = Map.of("b", 2, "a", 1.5);
        String s = Json.toString(map);
        assertEquals(viaMapper(map), s);
        assertTrue(s.indexOf("\"a\"") < s.indexOf("\"b\""), "map entries ordered by key: " + s);
        ObjectNode withPojo = Json.object();
        withPojo.putPOJO("p", Map.of("x", 1));
        assertEquals(viaMapper(withPojo), Json.toString(withPojo));
    }
}
