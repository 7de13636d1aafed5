package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ntpgeo.io.Json;

/**
 * The counts after each stage of {@code data build}: the {@code pipeline} block of dataset.json (docs/DATA.md).
 * {@code cap} is null when no vocabulary cap applied (its keys are then absent).
 */
public record PipelineCounts(long documents, long tokens, long distinctTokens, long windows, long distinctWindows,
                             VocabularyCap cap, long inputVocab, long contexts, long afterMinContextCount,
                             long afterMinSupport, long afterMaxContexts) {

    /**
     * What the vocabulary cap did: {@code outOfVocab} distinct tokens were outside the vocabulary; with MERGE they
     * became {@code <unk>}, with DROP the {@code windowsDropped} window occurrences that held one were dropped.
     */
    public record VocabularyCap(BuildOptions.Unk unk, long outOfVocab, long windowsDropped) {
        /** The cap's statistics, or null when {@code outOfVocab} is null (no cap applied). */
        public static VocabularyCap of(BuildOptions.Unk unk, Long outOfVocab, long windowsDropped) {
            return outOfVocab == null ? null : new VocabularyCap(unk, outOfVocab, windowsDropped);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("documents", documents);
        o.put("tokens", tokens);
        o.put("distinct_tokens", distinctTokens);
        o.put("windows", windows);
        o.put("distinct_windows", distinctWindows);
        if (cap != null && cap.unk() == BuildOptions.Unk.MERGE) o.put("tokens_mapped_to_unk", cap.outOfVocab());
        if (cap != null && cap.unk() == BuildOptions.Unk.DROP) {
            o.put("tokens_out_of_vocab", cap.outOfVocab());
            o.put("windows_dropped", cap.windowsDropped());
        }
        o.put("input_vocab", inputVocab);
        o.put("contexts", contexts);
        o.put("after_min_context_count", afterMinContextCount);
        o.put("after_min_support", afterMinSupport);
        o.put("after_max_contexts", afterMaxContexts);
        return o;
    }
}
