package org.ntpgeo.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.ContextAssembler;
import org.ntpgeo.data.NtpDataset;
import scala.Tuple2;

/**
 * The driver's last step, on the filtered contexts only: number the kept contexts by first occurrence (sort by
 * position), choose the rows ({@code --next-token-vocab}) and lay out the sparse counts, as steps 6-7 of
 * {@link ContextAssembler}.
 */
final class FinalAssembly {
    private FinalAssembly() {}

    static ContextAssembler.Assembled assemble(String[] inputTokens, List<Tuple2<IntTuple, ContextAgg>> kept,
                                               ObjectNode stages, BuildOptions options) {
        List<Tuple2<IntTuple, ContextAgg>> ctx = new ArrayList<>(kept);
        ctx.sort((a, b) -> TextPosition.compare(a._2().hi, a._2().lo, b._2().hi, b._2().lo));
        int m = ctx.size();
        int width = options.contextLength() - 1;
        int[] rowOfInput = new int[inputTokens.length];
        int[] rowInputIds;
        if (options.nextTokenVocab() == BuildOptions.NextTokenVocab.OBSERVED) {
            boolean[] seen = new boolean[inputTokens.length];
            for (Tuple2<IntTuple, ContextAgg> c : ctx) for (int z : c._2().next) seen[z] = true;
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
        int[] colPtr = new int[m + 1];
        for (int j = 0; j < m; j++) colPtr[j + 1] = colPtr[j] + ctx.get(j)._2().support();
        int[] tok = new int[colPtr[m]];
        long[] cnt = new long[colPtr[m]];
        int[] contexts = new int[m * width];
        for (int j = 0; j < m; j++) {
            ContextAgg a = ctx.get(j)._2();
            for (int k = 0; k < a.next.length; k++) {
                tok[colPtr[j] + k] = rowOfInput[a.next[k]]; // rowOfInput is increasing: order is kept
                cnt[colPtr[j] + k] = a.counts[k];
            }
            IntTuple key = ctx.get(j)._1();
            for (int i = 0; i < width; i++) contexts[j * width + i] = key.get(i);
        }
        String[] rowNames = new String[rowInputIds.length];
        for (int r = 0; r < rowNames.length; r++) rowNames[r] = inputTokens[rowInputIds[r]];
        NtpDataset ds = new NtpDataset(rowInputIds.length, colPtr, tok, cnt, rowNames, width, contexts);
        return new ContextAssembler.Assembled(ds, inputTokens, rowInputIds, stages);
    }
}
