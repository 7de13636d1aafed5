package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Windows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build an NTP dataset (DIR/dataset.npz + DIR/dataset.json) from UTF-8 text corpora. See docs/DATA.md.",
        footer = {"", "Examples:",
                "  ntpgeo data build --corpus stories.txt --context-length 6 --out ds",
                "  ntpgeo data build --corpus a.txt b.txt -T 6 --tokenizer whitespace --documents blank-line \\",
                "      --min-context-count 2 --min-support 2 --max-contexts 500 --vocab-size 1000 --out ds"})
public final class DataBuildCommand implements Callable<Integer> {
    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "FILE", description = "UTF-8 text file(s), read in the order given.")
    List<Path> corpus;

    @Option(names = {"-T", "--context-length"}, required = true, paramLabel = "T", description = "Window length: T-1 context tokens plus the next token (T >= 2).")
    int contextLength;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist unless --force).")
    Path out;

    @Option(names = "--force", description = "Replace an existing output directory.")
    boolean force;

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

    @Option(names = "--vocab-size", paramLabel = "K", description = "Keep the K-1 most frequent tokens; the rest become <unk>.")
    Integer vocabSize;

    @Option(names = "--next-token-vocab", defaultValue = "full", paramLabel = "MODE", description = "full (V = input vocabulary) | observed (V = tokens seen as a next token) (default: ${DEFAULT-VALUE}).")
    String nextTokenVocab;

    @Override
    public Integer call() {
        BuildOptions.NextTokenVocab next = switch (nextTokenVocab) {
            case "full" -> BuildOptions.NextTokenVocab.FULL;
            case "observed" -> BuildOptions.NextTokenVocab.OBSERVED;
            default -> throw new org.ntpgeo.common.UserError("unknown --next-token-vocab '" + nextTokenVocab + "' (choose full or observed)");
        };
        BuildOptions options = new BuildOptions(contextLength, tokenizer, bpeVocab, DocumentSplitter.parse(documents),
                Windows.parse(windows), minContextCount, minSupport, maxContexts, vocabSize, next);
        org.ntpgeo.data.Tokenizers.NAMES.stream().filter(tokenizer::equals).findAny()
                .orElseThrow(() -> new org.ntpgeo.common.UserError("unknown --tokenizer '" + tokenizer + "' (choose whitespace, word, char or bpe)"));
        long t0 = System.nanoTime();
        CorpusDatasetBuilder.Built b = CorpusDatasetBuilder.buildTo(out, force, corpus, options, true);
        DatasetSummary s = DatasetSummary.of(b.dataset());
        System.out.printf(Locale.ROOT, "wrote %s: V=%d m=%d n=%d T=%d H=%.4f support classes=%d (%.1fs)%n", out,
                s.vocabSize(), s.contexts(), s.pairs(), s.contextLength(), s.entropy(), s.supportClasses(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
