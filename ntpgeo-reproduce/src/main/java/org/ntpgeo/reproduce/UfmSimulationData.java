package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Json;

/**
 * The support design of the paper's UFM simulation (theory.md "Datasets": V = 10, m = 95, pi_j = 1/m, L_mm = S~).
 *
 * <p>The paper does not list its 95 supports; we use: every one of the C(10, 2) = 45 pairs {a, b} twice, once with
 * counts (1, 3) and once with counts (3, 1) (so the two contexts of a support class have different p_j), followed
 * by the 5 singletons {0}, ..., {4} with count 4. Every context has total count 4, hence pi_j = 1/95 exactly.
 * 45 * 2 + 5 = 95. The Prop. 3 certificate holds for this S (the largest off-support entry of A = U V^T is about
 * -0.024; checked in the tests and printed in the report), so L_mm = S~.
 */
public final class UfmSimulationData {
    public static final int VOCAB = 10;
    public static final int SINGLETONS = 5;
    public static final long CONTEXT_TOTAL = 4;

    private UfmSimulationData() {}

    public static NtpDataset dataset() {
        List<Map<Integer, Long>> cols = new ArrayList<>();
        for (int a = 0; a < VOCAB; a++) {
            for (int b = a + 1; b < VOCAB; b++) {
                cols.add(column(a, 1, b, 3));
                cols.add(column(a, 3, b, 1));
            }
        }
        for (int a = 0; a < SINGLETONS; a++) {
            Map<Integer, Long> c = new LinkedHashMap<>();
            c.put(a, CONTEXT_TOTAL);
            cols.add(c);
        }
        return NtpDataset.fromColumns(VOCAB, cols, null);
    }

    private static Map<Integer, Long> column(int a, long ca, int b, long cb) {
        Map<Integer, Long> c = new LinkedHashMap<>();
        c.put(a, ca);
        c.put(b, cb);
        return c;
    }

    public static ObjectNode provenance() {
        ObjectNode p = Json.object();
        p.put("source", "synthetic");
        p.put("created_by", "ntpgeo reproduce ufm-simulation");
        p.put("kind", "ufm-simulation");
        p.put("design", "all 45 pairs of 10 tokens twice (counts 1,3 and 3,1) + singletons {0}..{4} (count 4); "
                + "every context total 4 so pi_j = 1/95");
        return p;
    }
}
