package org.ntpgeo.data;

/**
 * The contexts that passed the filters, in first-occurrence order: context j has the {@code width} input token ids
 * {@code keys[j*width, (j+1)*width)} and the next tokens {@code next[start[j], start[j+1])} (input ids, strictly
 * ascending) with their counts {@code counts[start[j], start[j+1])}. The input of
 * {@link ContextAssembler#assemble(String[], KeptContexts, PipelineCounts, BuildOptions.NextTokenVocab)}.
 */
public record KeptContexts(int width, int[] keys, int[] start, int[] next, long[] counts) {
    public KeptContexts {
        int m = start.length - 1;
        if (m < 0 || keys.length != m * width || next.length != start[m] || counts.length != start[m]) {
            throw new IllegalArgumentException("inconsistent kept contexts: m=" + m + ", width=" + width + ", keys="
                    + keys.length + ", next=" + next.length + ", counts=" + counts.length);
        }
    }

    public int size() {
        return start.length - 1;
    }
}
