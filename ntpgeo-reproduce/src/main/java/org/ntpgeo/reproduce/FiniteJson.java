package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Replaces NaN/infinite numbers by null in a JSON tree (io.Json refuses them; null means "not available"). */
final class FiniteJson {
    private FiniteJson() {}

    static JsonNode clean(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> bad = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (nonFinite(e.getValue())) bad.add(e.getKey());
                else clean(e.getValue());
            }
            for (String k : bad) o.putNull(k);
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (nonFinite(a.get(i))) a.set(i, a.nullNode());
                else clean(a.get(i));
            }
        }
        return n;
    }

    private static boolean nonFinite(JsonNode v) {
        return v.isNumber() && (v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue());
    }
}
