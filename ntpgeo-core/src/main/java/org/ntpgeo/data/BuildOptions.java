package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;

/**
 * Every option of {@code data build}. Null {@code maxContexts}/{@code vocabSize} mean "no limit";
 * {@code bpeVocab} is used only by the bpe tokenizer (and is an error with any other); {@code unk} says what the
 * vocabulary cap does with the other tokens.
 */
public record BuildOptions(int contextLength, String tokenizer, Integer bpeVocab, DocumentSplitter documents,
                           Windows windows, long minContextCount, int minSupport, Integer maxContexts,
                           Integer vocabSize, NextTokenVocab nextTokenVocab, Unk unk) {

    /**
     * What {@code --vocab-size K} does with the tokens outside the vocabulary: MERGE (the default) keeps the K-1
     * most frequent tokens and maps every other one to {@code <unk>}, merging windows that become equal; DROP
     * keeps the K most frequent tokens and drops every window that contains another token (in its context or as
     * its next token), so no {@code <unk>} appears.
     */
    public enum Unk {
        MERGE, DROP;

        public String optionName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The mode called {@code s} ("merge", "drop"), or null. */
        public static Unk byName(String s) {
            for (Unk u : values()) if (u.optionName().equals(s)) return u;
            return null;
        }
    }

    public BuildOptions {
        if (unk == null) unk = Unk.MERGE;
    }

    /** The options without {@code unk} (MERGE). */
    public BuildOptions(int contextLength, String tokenizer, Integer bpeVocab, DocumentSplitter documents, Windows windows,
                        long minContextCount, int minSupport, Integer maxContexts, Integer vocabSize,
                        NextTokenVocab nextTokenVocab) {
        this(contextLength, tokenizer, bpeVocab, documents, windows, minContextCount, minSupport, maxContexts, vocabSize,
                nextTokenVocab, Unk.MERGE);
    }

    /** {@code --next-token-vocab}: full = V is the whole input vocabulary; observed = only tokens seen as a next token. */
    public enum NextTokenVocab {
        FULL, OBSERVED;

        public String optionName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Defaults: word tokenizer, line documents, sliding windows, no filters, full next-token vocabulary. */
    public static BuildOptions defaults(int contextLength) {
        return new BuildOptions(contextLength, "word", null, DocumentSplitter.LINE, Windows.SLIDING, 1, 1, null, null,
                NextTokenVocab.FULL);
    }

    public BuildOptions withTokenizer(String name) {
        return new BuildOptions(contextLength, name, bpeVocab, documents, windows, minContextCount, minSupport,
                maxContexts, vocabSize, nextTokenVocab, unk);
    }

    public BuildOptions withDocuments(DocumentSplitter d) {
        return new BuildOptions(contextLength, tokenizer, bpeVocab, d, windows, minContextCount, minSupport,
                maxContexts, vocabSize, nextTokenVocab, unk);
    }

    public BuildOptions withWindows(Windows w) {
        return new BuildOptions(contextLength, tokenizer, bpeVocab, documents, w, minContextCount, minSupport,
                maxContexts, vocabSize, nextTokenVocab, unk);
    }

    public BuildOptions withFilters(long minContextCount, int minSupport, Integer maxContexts, Integer vocabSize,
                                    NextTokenVocab next) {
        return new BuildOptions(contextLength, tokenizer, bpeVocab, documents, windows, minContextCount, minSupport,
                maxContexts, vocabSize, next, unk);
    }

    public BuildOptions withUnk(Unk u) {
        return new BuildOptions(contextLength, tokenizer, bpeVocab, documents, windows, minContextCount, minSupport,
                maxContexts, vocabSize, nextTokenVocab, u);
    }

    public BuildOptions withBpeVocab(Integer n) {
        return new BuildOptions(contextLength, tokenizer, n, documents, windows, minContextCount, minSupport,
                maxContexts, vocabSize, nextTokenVocab, unk);
    }

    /** Throws a {@link UserError} naming the first bad option. */
    public void validate() {
        if (contextLength < 2) {
            throw new OptionError("{context_length} must be at least 2 (T-1 >= 1 context tokens plus the next token), got " + contextLength);
        }
        if (contextLength > 1024) throw new OptionError("{context_length} " + contextLength + " is too large (at most 1024)");
        if (minContextCount < 1) throw new OptionError("{min_context_count} must be >= 1, got " + minContextCount);
        if (minSupport < 1) throw new OptionError("{min_support} must be >= 1, got " + minSupport);
        if (maxContexts != null && maxContexts < 1) throw new OptionError("{max_contexts} must be >= 1, got " + maxContexts);
        if (vocabSize != null && vocabSize < (unk == Unk.DROP ? 1 : 2)) {
            throw new UserError("the vocabulary size must be >= " + (unk == Unk.DROP ? "1" : "2 (one kept token plus <unk>)") + ", got " + vocabSize);
        }
        if ("bpe".equals(tokenizer) && (bpeVocab == null || bpeVocab < 1)) throw new OptionError("{tokenizer} bpe needs {bpe_vocab} N (N >= 1)");
        if (!"bpe".equals(tokenizer) && bpeVocab != null) {
            throw new UserError("a BPE vocabulary size (" + bpeVocab + ") applies only to the bpe tokenizer, not to " + tokenizer);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("context_length", contextLength);
        o.put("tokenizer", tokenizer);
        if (bpeVocab != null) o.put("bpe_vocab", bpeVocab);
        o.put("documents", documents.optionName());
        o.put("windows", windows.optionName());
        o.put("min_context_count", minContextCount);
        o.put("min_support", minSupport);
        if (maxContexts == null) o.putNull("max_contexts"); else o.put("max_contexts", maxContexts);
        if (vocabSize == null) o.putNull("vocab_size"); else o.put("vocab_size", vocabSize);
        o.put("next_token_vocab", nextTokenVocab.optionName());
        if (vocabSize != null) o.put("unk", unk.optionName());
        return o;
    }
}
