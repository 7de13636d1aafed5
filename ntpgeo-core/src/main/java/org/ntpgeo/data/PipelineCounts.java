package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ntpgeo.io.Json;

/**
 * The counts after each stage of {@code data build}: the {@code pipeline} block of dataset.json (docs/DATA.md).
 * {@code tokensMappedToUnk} is null when no vocabulary cap applied (the key is then absent).
 */
public record PipelineCounts(long documents, long tokens, long distinctTokens, long windows, long distinctWindows,
                             Long tokensMappedToUnk, long inputVocab, long contexts, long afterMinContextCount,
                             long afterMinSupport, long afterMaxContexts) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("documents", documents);
        o.put("tokens", tokens);
        o.put("distinct_tokens", distinctTokens);
        o.put("windows", windows);
        o.put("distinct_windows", distinctWindows);
        if (tokensMappedToUnk != null) o.put("tokens_mapped_to_unk", tokensMappedToUnk);
        o.put("input_vocab", inputVocab);
        o.put("contexts", contexts);
        o.put("after_min_context_count", afterMinContextCount);
        o.put("after_min_support", afterMinSupport);
        o.put("after_max_contexts", afterMaxContexts);
        return o;
    }
}
