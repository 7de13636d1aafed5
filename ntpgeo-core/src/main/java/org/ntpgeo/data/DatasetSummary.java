package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.ntpgeo.io.Json;

/** The summary statistics of a dataset that {@code dataset.json} and {@code data show} report. */
public record DatasetSummary(int vocabSize, int contexts, long pairs, int contextLength, double entropy,
                             int supportClasses, int largestSupportClass, Map<Integer, Integer> supportSizeHistogram,
                             int nonZeros) {

    public static DatasetSummary of(NtpDataset ds) {
        int[] bySize = new int[16];
        for (int j = 0; j < ds.contextCount(); j++) {
            int k = ds.supportSize(j);
            if (k >= bySize.length) bySize = java.util.Arrays.copyOf(bySize, Math.max(k + 1, bySize.length * 2));
            bySize[k]++;
        }
        Map<Integer, Integer> hist = new TreeMap<>();
        for (int k = 0; k < bySize.length; k++) if (bySize[k] > 0) hist.put(k, bySize[k]);
        int[] cls = ds.supportClasses();
        int[] sizes = new int[ds.supportClassCount()];
        int largest = 0;
        for (int c : cls) largest = Math.max(largest, ++sizes[c]);
        int t = ds.contextWidth() == 0 ? 0 : ds.contextWidth() + 1;
        return new DatasetSummary(ds.vocabSize(), ds.contextCount(), ds.pairCount(), t, ds.entropy(),
                ds.supportClassCount(), largest, hist, ds.nonZeros());
    }

    /** One line for people: {@code V=.. m=.. n=.. T=.. H=.. support classes=..} (what {@code data build} prints). */
    public String headline() {
        return String.format(java.util.Locale.ROOT, "V=%d m=%d n=%d T=%d H=%.4f support classes=%d", vocabSize, contexts,
                pairs, contextLength, entropy, supportClasses);
    }

    /** JSON object with keys V, m, n, T, H, nnz, support_classes, largest_support_class, support_size_histogram. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("V", vocabSize);
        o.put("m", contexts);
        o.put("n", pairs);
        o.put("T", contextLength);
        o.put("H", entropy);
        o.put("nnz", nonZeros);
        o.put("support_classes", supportClasses);
        o.put("largest_support_class", largestSupportClass);
        ObjectNode h = o.putObject("support_size_histogram");
        supportSizeHistogram.forEach((k, v) -> h.put(String.valueOf(k), v));
        return o;
    }
}
