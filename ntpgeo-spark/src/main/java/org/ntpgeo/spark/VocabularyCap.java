package org.ntpgeo.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntpgeo.data.ContextAssembler;

/**
 * {@code --vocab-size K} exactly as {@link ContextAssembler} applies it (docs/DATA.md): the K-1 most frequent
 * tokens (ties: earlier first occurrence) keep their string, every other token becomes {@code <unk>}; new ids
 * by first occurrence of the mapped string. (ContextAssembler's own helper is package-private; the Spark test
 * checks that both agree byte for byte.)
 */
record VocabularyCap(int[] map, String[] tokens, int mappedToUnk) {
    static VocabularyCap of(String[] tokens, long[] tokenCounts, int keep) {
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> tokenCounts[a] != tokenCounts[b] ? Long.compare(tokenCounts[b], tokenCounts[a]) : Integer.compare(a, b));
        boolean[] kept = new boolean[tokens.length];
        for (int i = 0; i < keep && i < order.length; i++) kept[order[i]] = true;
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] map = new int[tokens.length];
        int unk = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!kept[i]) unk++;
            map[i] = ids.computeIfAbsent(kept[i] ? tokens[i] : ContextAssembler.UNK, s -> ids.size());
        }
        return new VocabularyCap(map, ids.keySet().toArray(new String[0]), unk);
    }
}
