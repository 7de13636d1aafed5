package org.ntpgeo.cli;

import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Tokenizers;
import org.ntpgeo.data.Windows;
import picocli.CommandLine.Option;

/**
 * The pipeline options of {@code data build} (everything but the input and output): context length, tokenizer,
 * documents, windows and filters; a picocli mixin that yields {@link BuildOptions}. Shared by {@code ntpgeo data
 * build} and the Spark job (ntpgeo-spark), so both accept the same options with the same names, defaults and help.
 * {@code -T} is required unless a command builds from a named recipe instead.
 */
public final class BuildPipelineOptions {
    @Option(names = {"-T", "--context-length"}, paramLabel = "T", description = "Window length: T-1 context tokens plus the next token (T >= 2); required (a 'data build --recipe' sets it).")
    Integer contextLength;

    @Option(names = "--tokenizer", defaultValue = "word", paramLabel = "NAME", description = "whitespace | word | char | bpe (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--bpe-vocab", paramLabel = "N", description = "Vocabulary size of the BPE tokenizer trained on the corpus (with --tokenizer bpe).")
    Integer bpeVocab;

    @Option(names = "--documents", defaultValue = "line", paramLabel = "MODE", description = "line | blank-line | eot (text between <|endoftext|>); no window crosses a document (default: ${DEFAULT-VALUE}).")
    String documents;

    @Option(names = "--windows", defaultValue = "sliding", paramLabel = "MODE", description = "sliding (every position) | first (first window of each document) (default: ${DEFAULT-VALUE}).")
    String windows;

    @Option(names = "--min-context-count", defaultValue = "1", paramLabel = "C", description = "Drop contexts seen fewer than C times.")
    long minContextCount;

    @Option(names = "--min-support", defaultValue = "1", paramLabel = "K", description = "Drop contexts with fewer than K distinct next tokens.")
    int minSupport;

    @Option(names = "--max-contexts", paramLabel = "M", description = "Keep the M most frequent contexts.")
    Integer maxContexts;

    @Option(names = "--vocab-size", paramLabel = "K", description = "Cap the input vocabulary at K tokens (see --unk).")
    Integer vocabSize;

    @Option(names = "--unk", defaultValue = "merge", paramLabel = "MODE", description = "With --vocab-size K: merge (the K-1 most frequent tokens are kept, the others become <unk>) | drop (the K most frequent are kept, windows holding another token are dropped) (default: ${DEFAULT-VALUE}).")
    String unk;

    @Option(names = "--next-token-vocab", defaultValue = "full", paramLabel = "MODE", description = "full (V = input vocabulary) | observed (V = tokens seen as a next token) (default: ${DEFAULT-VALUE}).")
    String nextTokenVocab;

    private BuildOptions.Unk unkMode() {
        BuildOptions.Unk u = BuildOptions.Unk.byName(unk);
        if (u == null) throw new UserError("unknown --unk '" + unk + "' (choose merge or drop)");
        return u;
    }

    /** The options as given; an unknown mode or tokenizer name is a {@link UserError} (ranges: {@link BuildOptions#validate}). */
    public BuildOptions toBuildOptions() {
        if (contextLength == null) throw new UserError("Missing required option: '--context-length=T'");
        BuildOptions.NextTokenVocab next = switch (nextTokenVocab) {
            case "full" -> BuildOptions.NextTokenVocab.FULL;
            case "observed" -> BuildOptions.NextTokenVocab.OBSERVED;
            default -> throw new UserError("unknown --next-token-vocab '" + nextTokenVocab + "' (choose full or observed)");
        };
        BuildOptions options = new BuildOptions(contextLength, tokenizer, bpeVocab, DocumentSplitter.parse(documents),
                Windows.parse(windows), minContextCount, minSupport, maxContexts, vocabSize, next, unkMode());
        Tokenizers.requireKnown(tokenizer);
        return options;
    }
}
