package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;

/**
 * The pure second half of the pipeline: corpus counts -> NTP dataset. Steps, in this order (docs/DATA.md):
 * <ol>
 *   <li>vocabulary cap ({@code --vocab-size K}): if there are more than K distinct tokens, the K-1 most frequent
 *       (ties: earlier first occurrence) are kept and every other token becomes {@code <unk>}; input ids are then
 *       re-assigned by first occurrence of the mapped strings and equal windows are merged (counts summed);</li>
 *   <li>grouping: windows become (context = first T-1 ids, next token = last id); contexts numbered by first
 *       occurrence;</li>
 *   <li>{@code --min-context-count c}: drop contexts with total count < c;</li>
 *   <li>{@code --min-support k}: drop contexts with fewer than k distinct next tokens;</li>
 *   <li>{@code --max-contexts M}: keep the M contexts with the largest total count (ties: earlier first);</li>
 *   <li>context ids: the kept contexts keep their relative first-occurrence order, numbered 0..m-1;</li>
 *   <li>{@code --next-token-vocab}: full = V is the input vocabulary and row z is input token z; observed = the
 *       rows are the input tokens that are a next token of some kept context, in input-id order.</li>
 * </ol>
 */
public final class ContextAssembler {
    public static final String UNK = "<unk>";

    private ContextAssembler() {}

    /**
     * The result: the dataset (its {@code vocab()} names the V rows), the input vocabulary that {@code contexts}
     * refer to, the input id of each row, and counts after each stage.
     */
    public record Assembled(NtpDataset dataset, String[] inputTokens, int[] rowInputIds, ObjectNode stages) {}

    public static Assembled assemble(CorpusCounts counts, BuildOptions options) {
        int t = counts.contextLength();
        String[] tokens = counts.tokens();
        GramTable windows = counts.windows();
        ObjectNode stages = Json.object();
        stages.put("documents", counts.documents());
        stages.put("tokens", counts.tokenTotal());
        stages.put("distinct_tokens", tokens.length);
        stages.put("windows", counts.windowTotal());
        stages.put("distinct_windows", windows.size());
        if (counts.tokenTotal() == 0) throw new UserError("the corpus is empty: it has no tokens");
        if (windows.size() == 0) {
            throw new UserError("--context-length " + t + " is longer than every document (the longest has "
                    + counts.longestDocument() + " tokens); use a smaller T or other --documents");
        }

        // 1. vocabulary cap
        String[] inputTokens = tokens;
        if (options.vocabSize() != null && tokens.length > options.vocabSize()) {
            VocabularyCap cap = capVocabulary(tokens, counts.tokenCounts(), options.vocabSize() - 1);
            int[] map = cap.map();
            GramTable merged = new GramTable(t, windows.size());
            int[] key = new int[t];
            for (int g = 0; g < windows.size(); g++) {
                for (int i = 0; i < t; i++) key[i] = map[windows.key(g, i)];
                merged.add(key, 0, windows.count(g));
            }
            stages.put("tokens_mapped_to_unk", cap.mappedToUnk());
            inputTokens = cap.tokens();
            windows = merged;
        }
        stages.put("input_vocab", inputTokens.length);

        // 2. group windows into contexts (first-occurrence order, since windows are in that order)
        int g0 = windows.size();
        GramTable contexts = new GramTable(t - 1, Math.max(16, g0 / 2));
        int[] windowContext = new int[g0];
        int[] keys = windows.keyArray();
        for (int g = 0; g < g0; g++) windowContext[g] = contexts.add(keys, g * t, windows.count(g));
        int m0 = contexts.size();
        int[] support = new int[m0];
        for (int g = 0; g < g0; g++) support[windowContext[g]]++;
        stages.put("contexts", m0);

        // 3-5. filters
        boolean[] keep = new boolean[m0];
        int kept = 0;
        for (int j = 0; j < m0; j++) if (keep[j] = contexts.count(j) >= options.minContextCount()) kept++;
        stages.put("after_min_context_count", kept);
        for (int j = 0; j < m0; j++) {
            if (keep[j] && support[j] < options.minSupport()) {
                keep[j] = false;
                kept--;
            }
        }
        stages.put("after_min_support", kept);
        if (options.maxContexts() != null && kept > options.maxContexts()) {
            Integer[] order = new Integer[kept];
            int p = 0;
            for (int j = 0; j < m0; j++) if (keep[j]) order[p++] = j;
            GramTable c = contexts;
            Arrays.sort(order, (a, b) -> c.count(a) != c.count(b) ? Long.compare(c.count(b), c.count(a)) : Integer.compare(a, b));
            Arrays.fill(keep, false);
            for (int i = 0; i < options.maxContexts(); i++) keep[order[i]] = true;
            kept = options.maxContexts();
        }
        stages.put("after_max_contexts", kept);
        if (kept == 0) {
            throw new UserError("no context is left after the filters (" + m0 + " contexts; " + stages.get("after_min_context_count")
                    + " with --min-context-count " + options.minContextCount() + ", " + stages.get("after_min_support")
                    + " of those with --min-support " + options.minSupport() + ")");
        }

        // 6. context ids
        int[] newId = new int[m0];
        int m = 0;
        for (int j = 0; j < m0; j++) newId[j] = keep[j] ? m++ : -1;

        // 7. rows of the logit matrix
        int[] rowOfInput = new int[inputTokens.length];
        int[] rowInputIds;
        if (options.nextTokenVocab() == BuildOptions.NextTokenVocab.OBSERVED) {
            boolean[] seen = new boolean[inputTokens.length];
            for (int g = 0; g < g0; g++) if (keep[windowContext[g]]) seen[windows.key(g, t - 1)] = true;
            int v = 0;
            for (boolean s : seen) if (s) v++;
            rowInputIds = new int[v];
            v = 0;
            for (int i = 0; i < seen.length; i++) {
                rowOfInput[i] = seen[i] ? v : -1;
                if (seen[i]) rowInputIds[v++] = i;
            }
        } else {
            rowInputIds = new int[inputTokens.length];
            for (int i = 0; i < inputTokens.length; i++) rowOfInput[i] = rowInputIds[i] = i;
        }
        int vocabSize = rowInputIds.length;

        // sparse counts by context, tokens ascending
        int[] colPtr = new int[m + 1];
        for (int j = 0; j < m0; j++) if (keep[j]) colPtr[newId[j] + 1] = support[j];
        for (int j = 0; j < m; j++) colPtr[j + 1] += colPtr[j];
        int[] fill = Arrays.copyOf(colPtr, m);
        long[] packed = new long[colPtr[m]];
        long[] cnt = new long[colPtr[m]];
        for (int g = 0; g < g0; g++) {
            int j = windowContext[g];
            if (!keep[j]) continue;
            int k = fill[newId[j]]++;
            packed[k] = ((long) rowOfInput[windows.key(g, t - 1)] << 32) | g;
        }
        int[] tok = new int[packed.length];
        for (int j = 0; j < m; j++) Arrays.sort(packed, colPtr[j], colPtr[j + 1]);
        for (int k = 0; k < packed.length; k++) {
            tok[k] = (int) (packed[k] >>> 32);
            cnt[k] = windows.count((int) packed[k]);
        }
        int[] ctxTokens = new int[m * (t - 1)];
        for (int j = 0; j < m0; j++) if (keep[j]) contexts.copyKey(j, ctxTokens, newId[j] * (t - 1));
        String[] rowNames = new String[vocabSize];
        for (int r = 0; r < vocabSize; r++) rowNames[r] = inputTokens[rowInputIds[r]];
        NtpDataset ds = new NtpDataset(vocabSize, colPtr, tok, cnt, rowNames, t - 1, ctxTokens);
        return new Assembled(ds, inputTokens, rowInputIds, stages);
    }

    /** Old id -> new id, the new vocabulary, and how many distinct tokens became {@code <unk>}. */
    record VocabularyCap(int[] map, String[] tokens, int mappedToUnk) {}

    /**
     * Map of old token id -> new id: the {@code keep} most frequent tokens (ties: smaller id = earlier first
     * occurrence) keep their string, the others become {@link #UNK}; new ids by first occurrence of the mapped
     * string, i.e. in increasing old id.
     */
    static VocabularyCap capVocabulary(String[] tokens, long[] tokenCounts, int keep) {
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
            map[i] = ids.computeIfAbsent(kept[i] ? tokens[i] : UNK, s -> ids.size());
        }
        return new VocabularyCap(map, ids.keySet().toArray(new String[0]), unk);
    }
}
