package org.ntpgeo.spark;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.ntpgeo.data.CorpusText;
import org.ntpgeo.data.GramTable;
import org.ntpgeo.data.TokenInterner;
import org.ntpgeo.data.Tokenizer;
import scala.Tuple2;

/**
 * The per-partition halves of the two counting passes (the map side; Spark's reduceByKey does the rest).
 * <ol>
 *   <li>Vocabulary: every token with its count and first position, plus the corpus totals.</li>
 *   <li>Contexts: with the global token ids, the partition's distinct windows are counted in a compact
 *       {@link GramTable} (first-occurrence order within the partition = position order), grouped by context,
 *       and emitted once per context with its sorted next tokens and its first position.</li>
 * </ol>
 */
public final class CountingPasses {
    private CountingPasses() {}

    private interface BlockVisitor {
        void block(DocumentBlockReader.Block block, CharBuffer text);
    }

    private static void forEachBlock(Iterator<CorpusSplit> splits, PassConfig cfg, BlockVisitor visitor) {
        while (splits.hasNext()) {
            CorpusSplit s = splits.next();
            try (DocumentBlockReader r = new DocumentBlockReader(s, cfg.documents(), cfg.hadoop().value().get(), cfg.blockBytes())) {
                while (r.hasNext()) {
                    DocumentBlockReader.Block b = r.next();
                    visitor.block(b, CorpusText.decode(s.name(), b.offset(), b.bytes(), b.length()));
                }
            }
        }
    }

    /** Pass 1 over the splits of one partition. */
    public static Iterator<Tuple2<String, TokenStat>> vocabulary(Iterator<CorpusSplit> splits, PassConfig cfg) {
        TokenInterner seen = new TokenInterner();
        long[][] stat = {new long[1024], new long[1024], new long[1024]}; // count, first hi, first lo
        TokenStat totals = new TokenStat();
        Tokenizer tok = cfg.tokenizer().tokenizer();
        int t = cfg.contextLength();
        forEachBlock(splits, cfg, (block, text) -> {
            long hi = TextPosition.hi(block.fileIndex(), block.offset());
            DocumentTokens.forEach(text, cfg.documents(), tok, seen::intern, (start, ids, n) -> {
                totals.documents++;
                totals.count += n;
                totals.windows += cfg.windows().count(n, t);
                totals.longest = Math.max(totals.longest, n);
                if (stat[0].length < seen.size()) {
                    for (int k = 0; k < 3; k++) stat[k] = Arrays.copyOf(stat[k], Math.max(seen.size(), stat[k].length * 2));
                }
                for (int i = 0; i < n; i++) {
                    int id = ids[i];
                    if (stat[0][id]++ == 0) {
                        stat[1][id] = hi;
                        stat[2][id] = TextPosition.lo(start, i);
                    }
                }
            });
        });
        List<Tuple2<String, TokenStat>> out = new ArrayList<>(seen.size() + 1);
        for (int id = 0; id < seen.size(); id++) {
            TokenStat st = new TokenStat();
            st.count = stat[0][id];
            st.hi = stat[1][id];
            st.lo = stat[2][id];
            out.add(new Tuple2<>(seen.token(id), st));
        }
        out.add(new Tuple2<>(TokenStat.TOTALS, totals));
        return out.iterator();
    }

    /** Pass 2 over the splits of one partition: contexts keyed by their T-1 input ids (unmapped vocabulary). */
    public static Iterator<Tuple2<IntTuple, ContextAgg>> contexts(Iterator<CorpusSplit> splits, PassConfig cfg,
                                                                 TokenIds tokenIds) {
        int t = cfg.contextLength();
        GramTable windows = new GramTable(t, 1 << 14);
        long[][] pos = {new long[1 << 14], new long[1 << 14]};
        Tokenizer tok = cfg.tokenizer().tokenizer();
        TokenInterner table = tokenIds.table();
        DocumentTokens.Ids ids = (b, s, e) -> {
            int id = table.find(b, s, e);
            if (id < 0) throw new IllegalStateException("token not in the vocabulary: " + new String(b, s, e - s));
            return id;
        };
        forEachBlock(splits, cfg, (block, text) -> {
            long hi = TextPosition.hi(block.fileIndex(), block.offset());
            DocumentTokens.forEach(text, cfg.documents(), tok, ids, (start, a, n) -> {
                int nw = cfg.windows().count(n, t);
                if (nw == 0) return;
                int before = windows.size();
                windows.addWindows(a, 0, nw); // batched: same counts as nw calls of add
                int after = windows.size();
                if (after == before) return;
                if (after > pos[0].length) {
                    pos[0] = Arrays.copyOf(pos[0], Math.max(after, pos[0].length * 2));
                    pos[1] = Arrays.copyOf(pos[1], Math.max(after, pos[1].length * 2));
                }
                // new ids are numbered in the order of their first window, so one scan finds each first position
                int next = before;
                for (int i = 0; i < nw && next < after; i++) {
                    if (windows.find(a, i) == next) {
                        pos[0][next] = hi;
                        pos[1][next] = TextPosition.lo(start, i);
                        next++;
                    }
                }
            });
        });
        return groupByContext(windows, pos[0], pos[1], t);
    }

    private static Iterator<Tuple2<IntTuple, ContextAgg>> groupByContext(GramTable windows, long[] hi, long[] lo, int t) {
        int g0 = windows.size();
        GramTable contexts = new GramTable(t - 1, Math.max(16, g0 / 2));
        int[] ctxOf = new int[g0];
        int[] key = new int[t];
        for (int g = 0; g < g0; g++) {
            windows.copyKey(g, key, 0);
            ctxOf[g] = contexts.add(key, 0, 1);
        }
        int m = contexts.size();
        int[] first = new int[m];
        Arrays.fill(first, -1);
        int[] start = new int[m + 1];
        for (int g = 0; g < g0; g++) {
            start[ctxOf[g] + 1]++;
            if (first[ctxOf[g]] < 0) first[ctxOf[g]] = g;
        }
        for (int j = 0; j < m; j++) start[j + 1] += start[j];
        int[] fill = Arrays.copyOf(start, m);
        long[] packed = new long[g0];
        for (int g = 0; g < g0; g++) packed[fill[ctxOf[g]]++] = ((long) windows.key(g, t - 1) << 32) | g;
        return new Iterator<>() {
            int j;

            @Override
            public boolean hasNext() {
                return j < m;
            }

            @Override
            public Tuple2<IntTuple, ContextAgg> next() {
                int s = start[j];
                int e = start[j + 1];
                Arrays.sort(packed, s, e);
                int[] next = new int[e - s];
                long[] counts = new long[e - s];
                for (int k = s; k < e; k++) {
                    next[k - s] = (int) (packed[k] >>> 32);
                    counts[k - s] = windows.count((int) packed[k]);
                }
                int[] ctx = new int[t - 1];
                contexts.copyKey(j, ctx, 0);
                int g = first[j];
                j++;
                return new Tuple2<>(new IntTuple(ctx), new ContextAgg(next, counts, hi[g], lo[g]));
            }
        };
    }
}
