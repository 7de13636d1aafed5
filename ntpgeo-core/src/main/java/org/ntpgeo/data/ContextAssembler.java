package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;

/**
 * The pure second half of the pipeline: corpus counts -> NTP dataset. Steps, in this order (docs/DATA.md):
 * <ol>
 *   <li>vocabulary cap ({@code --vocab-size K}): with {@code --unk merge}, if there are more than K distinct tokens,
 *       the K-1 most frequent (ties: earlier first occurrence) are kept and every other token becomes {@code <unk>};
 *       input ids are then re-assigned by first occurrence of the mapped strings and equal windows are merged
 *       (counts summed); with {@code --unk drop}, the K most frequent are kept and every window holding another
 *       token is dropped;</li>
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
        long distinctWindows = windows.size();
        if (counts.tokenTotal() == 0) throw new UserError("the corpus is empty: it has no tokens");
        requireWindows(t, windows.size(), counts.longestDocument());

        // 1. vocabulary cap
        String[] inputTokens = tokens;
        Long outOfVocab = null;
        long windowsDropped = 0;
        // With --unk drop, a window whose context is in the vocabulary but whose next token is not stays as a
        // placeholder (next token = DROPPED): it is not counted, but its context keeps the position of its first
        // window, as in the Spark job, which numbers contexts by their first window of any next token.
        int dropped = -1;
        VocabularyCap cap = capVocabulary(tokens, counts.tokenCounts(), options);
        if (cap != null) {
            int[] map = cap.map();
            if (options.unk() == BuildOptions.Unk.DROP) dropped = cap.tokens().length;
            GramTable merged = new GramTable(t, windows.size());
            int[] key = new int[t];
            long keptWindows = 0;
            for (int g = 0; g < windows.size(); g++) {
                boolean contextOut = false;
                for (int i = 0; i < t - 1; i++) contextOut |= (key[i] = map[windows.key(g, i)]) < 0;
                key[t - 1] = map[windows.key(g, t - 1)];
                if (contextOut || key[t - 1] < 0) windowsDropped += windows.count(g);
                if (contextOut) continue;
                if (key[t - 1] < 0) key[t - 1] = dropped;
                else keptWindows++;
                merged.add(key, 0, windows.count(g));
            }
            outOfVocab = (long) cap.outOfVocab();
            inputTokens = cap.tokens();
            windows = merged;
            requireWindowsAfterCap(keptWindows, cap);
        }

        // 2. group windows into contexts (first-occurrence order, since windows are in that order)
        int g0 = windows.size();
        GramTable contexts = new GramTable(t - 1, Math.max(16, g0)); // at most one context per window: no growth
        int[] windowContext = new int[g0];
        int[] keys = windows.keyArray();
        int[] contextHashes = new int[g0];
        // the windows' own counts, unless placeholders (--unk drop) must count 0
        long[] windowCounts = dropped < 0 ? windows.countArray() : new long[g0];
        for (int g = 0; g < g0; g++) {
            contextHashes[g] = GramTable.hash(keys, g * t, t - 1);
            if (dropped >= 0) windowCounts[g] = keys[g * t + t - 1] == dropped ? 0 : windows.count(g);
        }
        contexts.addAll(keys, 0, t, windowCounts, contextHashes, g0, windowContext);
        contexts.freeze(); // from here on the contexts are only read: their hash index goes before the arrays below
        contextHashes = null;
        windowCounts = null;
        int ids = contexts.size();
        int[] support = new int[ids];
        for (int g = 0; g < g0; g++) if (keys[g * t + t - 1] != dropped) support[windowContext[g]]++;
        int m0 = 0;
        for (int j = 0; j < ids; j++) if (support[j] > 0) m0++;

        // 3-5. filters
        boolean[] keep = new boolean[ids];
        int kept = 0;
        for (int j = 0; j < ids; j++) if (keep[j] = support[j] > 0 && contexts.count(j) >= options.minContextCount()) kept++;
        int afterMinContextCount = kept;
        for (int j = 0; j < ids; j++) {
            if (keep[j] && support[j] < options.minSupport()) {
                keep[j] = false;
                kept--;
            }
        }
        int afterMinSupport = kept;
        if (options.maxContexts() != null && kept > options.maxContexts()) {
            Integer[] order = new Integer[kept];
            int p = 0;
            for (int j = 0; j < ids; j++) if (keep[j]) order[p++] = j;
            GramTable c = contexts;
            Arrays.sort(order, (a, b) -> c.count(a) != c.count(b) ? Long.compare(c.count(b), c.count(a)) : Integer.compare(a, b));
            Arrays.fill(keep, false);
            for (int i = 0; i < options.maxContexts(); i++) keep[order[i]] = true;
            kept = options.maxContexts();
        }
        requireKept(kept, m0, afterMinContextCount, afterMinSupport, options);

        // 6. context ids, and each kept context's next tokens in ascending input id
        int[] newId = new int[ids];
        int m = 0;
        for (int j = 0; j < ids; j++) newId[j] = keep[j] ? m++ : -1;
        int[] start = new int[m + 1];
        for (int j = 0; j < ids; j++) if (keep[j]) start[newId[j] + 1] = support[j];
        for (int j = 0; j < m; j++) start[j + 1] += start[j];
        int[] fill = Arrays.copyOf(start, m);
        long[] packed = new long[start[m]];
        for (int g = 0; g < g0; g++) {
            int j = windowContext[g];
            if (keep[j] && keys[g * t + t - 1] != dropped) packed[fill[newId[j]]++] = ((long) windows.key(g, t - 1) << 32) | g;
        }
        for (int j = 0; j < m; j++) Arrays.sort(packed, start[j], start[j + 1]);
        int[] next = new int[packed.length];
        long[] cnt = new long[packed.length];
        for (int k = 0; k < packed.length; k++) {
            next[k] = (int) (packed[k] >>> 32);
            cnt[k] = windows.count((int) packed[k]);
        }
        int[] ctxTokens = new int[m * (t - 1)];
        for (int j = 0; j < ids; j++) if (keep[j]) contexts.copyKey(j, ctxTokens, newId[j] * (t - 1));
        PipelineCounts stages = new PipelineCounts(counts.documents(), counts.tokenTotal(), tokens.length,
                counts.windowTotal(), distinctWindows, PipelineCounts.VocabularyCap.of(options.unk(), outOfVocab, windowsDropped),
                inputTokens.length, m0, afterMinContextCount, afterMinSupport, kept);
        return assemble(inputTokens, new KeptContexts(t - 1, ctxTokens, start, next, cnt), stages, options.nextTokenVocab());
    }

    /**
     * Step 7 for contexts counted and filtered elsewhere (the Spark job): the rows of the logit matrix
     * ({@code --next-token-vocab}) and the sparse counts of the kept contexts, which refer to {@code inputTokens}.
     */
    public static Assembled assemble(String[] inputTokens, KeptContexts kept, PipelineCounts stages,
                                     BuildOptions.NextTokenVocab nextTokenVocab) {
        return assemble(inputTokens, kept, stages.toJson(), nextTokenVocab);
    }

    /** As {@link #assemble(String[], KeptContexts, PipelineCounts, BuildOptions.NextTokenVocab)} with the stage counts as JSON. */
    public static Assembled assemble(String[] inputTokens, KeptContexts kept, ObjectNode stages,
                                     BuildOptions.NextTokenVocab nextTokenVocab) {
        int[] rowOfInput = new int[inputTokens.length];
        int[] rowInputIds;
        if (nextTokenVocab == BuildOptions.NextTokenVocab.OBSERVED) {
            boolean[] seen = new boolean[inputTokens.length];
            for (int z : kept.next()) seen[z] = true;
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
        int[] tok = new int[kept.next().length];
        for (int k = 0; k < tok.length; k++) tok[k] = rowOfInput[kept.next()[k]]; // increasing map: order is kept
        String[] rowNames = new String[rowInputIds.length];
        for (int r = 0; r < rowNames.length; r++) rowNames[r] = inputTokens[rowInputIds[r]];
        NtpDataset ds = new NtpDataset(rowInputIds.length, kept.start(), tok, kept.counts(), rowNames, kept.width(), kept.keys());
        return new Assembled(ds, inputTokens, rowInputIds, stages);
    }

    /** The corpus must have at least one window of length {@code t}. */
    public static void requireWindows(int t, long windows, long longestDocument) {
        if (windows == 0) {
            throw new OptionError("{context_length} " + t + " is longer than every document (the longest has "
                    + longestDocument + " tokens); use a smaller T or other {documents}");
        }
    }

    /** With {@code --unk drop}, at least one window must hold only kept tokens. */
    public static void requireWindowsAfterCap(long windowsLeft, VocabularyCap cap) {
        if (windowsLeft == 0) {
            throw new UserError("no window is left: every window holds a token outside the " + cap.tokens().length
                    + " most frequent ones (use a larger vocabulary, or map the other tokens to <unk> instead)");
        }
    }

    /** At least one context must survive the filters; the message gives the count after each filter. */
    public static void requireKept(long kept, long contexts, long afterMinContextCount, long afterMinSupport,
                                   BuildOptions options) {
        if (kept == 0) {
            throw new OptionError("no context is left after the filters (" + contexts + " contexts; " + afterMinContextCount
                    + " with {min_context_count} " + options.minContextCount() + ", " + afterMinSupport
                    + " of those with {min_support} " + options.minSupport() + ")");
        }
    }

    /**
     * Old id -> new id (-1: the token's windows are dropped), the new vocabulary, and how many distinct tokens are
     * outside it (became {@code <unk>}, or were dropped).
     */
    public record VocabularyCap(int[] map, String[] tokens, int outOfVocab) {}

    /**
     * {@code --vocab-size K}: the cap when there are more than K distinct tokens (MERGE) or more than K (DROP),
     * else null.
     */
    public static VocabularyCap capVocabulary(String[] tokens, long[] tokenCounts, BuildOptions options) {
        Integer k = options.vocabSize();
        if (k == null || tokens.length <= k) return null;
        return options.unk() == BuildOptions.Unk.DROP ? keepVocabulary(tokens, tokenCounts, k, false)
                : keepVocabulary(tokens, tokenCounts, k - 1, true);
    }

    /**
     * Map of old token id -> new id: the {@code keep} most frequent tokens (ties: smaller id = earlier first
     * occurrence) keep their string, the others become {@link #UNK}; new ids by first occurrence of the mapped
     * string, i.e. in increasing old id.
     */
    public static VocabularyCap capVocabulary(String[] tokens, long[] tokenCounts, int keep) {
        return keepVocabulary(tokens, tokenCounts, keep, true);
    }

    private static VocabularyCap keepVocabulary(String[] tokens, long[] tokenCounts, int keep, boolean merge) {
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> tokenCounts[a] != tokenCounts[b] ? Long.compare(tokenCounts[b], tokenCounts[a]) : Integer.compare(a, b));
        boolean[] kept = new boolean[tokens.length];
        for (int i = 0; i < keep && i < order.length; i++) kept[order[i]] = true;
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] map = new int[tokens.length];
        int out = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!kept[i]) out++;
            if (kept[i] || merge) map[i] = ids.computeIfAbsent(kept[i] ? tokens[i] : UNK, s -> ids.size());
            else map[i] = -1;
        }
        return new VocabularyCap(map, ids.keySet().toArray(new String[0]), out);
    }
}
