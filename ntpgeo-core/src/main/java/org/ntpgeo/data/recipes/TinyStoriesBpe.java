package org.ntpgeo.data.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.Bpe;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.ContextAssembler;
import org.ntpgeo.data.CorpusCounts;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.KeptContexts;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;
import org.ntpgeo.data.Windows;
import org.ntpgeo.io.Json;

/**
 * The paper's TinyStories set (theory.md: BPE with V = 128, T-1 = 6, m about 10^5, H about 0.31), built from all
 * contexts of the text and never from the most frequent ones. docs/DATA.md ("Recipes") is the specification:
 * <ol>
 *   <li>the first {@code lines} non-blank lines of the corpus (default: all), each line a document;</li>
 *   <li>a BPE model of {@value #BPE_VOCAB} symbols trained on those lines' whitespace words ({@link Bpe}), which
 *       encodes every line;</li>
 *   <li>every context of the sliding windows of T = {@value #CONTEXT_LENGTH}, with its corpus counts;</li>
 *   <li>when there are more than {@code contexts} (default 100000), a uniform sample of that many, drawn without
 *       replacement with {@link Random}{@code (seed)} (partial Fisher-Yates over the contexts in first-occurrence
 *       order) and kept in first-occurrence order; fewer is an error;</li>
 *   <li>V = the tokens seen as a next token of a kept context.</li>
 * </ol>
 * It needs the BPE encoder service (module ntpgeo-bpe) on the class path.
 */
public final class TinyStoriesBpe implements Recipe {
    public static final int BPE_VOCAB = 128;
    public static final int CONTEXT_LENGTH = 7;
    public static final int DEFAULT_CONTEXTS = 100_000;

    @Override
    public String name() {
        return "tinystories";
    }

    @Override
    public String summary() {
        return "the paper's TinyStories: BPE 128, T-1 = 6, a uniform sample of the contexts of the text (default 100000), "
                + "corpus counts";
    }

    @Override
    public Set<RecipeOptions.Knob> knobs() {
        return EnumSet.of(RecipeOptions.Knob.SEED, RecipeOptions.Knob.LINES, RecipeOptions.Knob.CONTEXTS);
    }

    /** The pipeline options that describe the counting (T = 7, bpe 128, line documents, sliding, all contexts). */
    public static BuildOptions buildOptions() {
        return new BuildOptions(CONTEXT_LENGTH, "bpe", BPE_VOCAB, DocumentSplitter.LINE, Windows.SLIDING, 1, 1, null, null,
                BuildOptions.NextTokenVocab.FULL);
    }

    @Override
    public CorpusDatasetBuilder.Built build(List<Path> corpus, RecipeOptions o) {
        o.requireOnly(name(), knobs());
        long seed = o.seed() == null ? 0 : o.seed();
        int wantContexts = o.contexts() == null ? DEFAULT_CONTEXTS : o.contexts();
        CorpusLines lines = CorpusLines.read(corpus, o.lines() == null ? 0 : o.lines());
        Tokenizer ws = Tokenizers.simple("whitespace");
        Map<String, Long> words = new HashMap<>();
        for (String l : lines.lines()) for (String w : ws.tokenize(l)) words.merge(w, 1L, Long::sum);
        if (words.isEmpty()) throw new UserError("the corpus is empty: no tokens in " + SimplifiedTinyStories.inputNames(corpus));
        Tokenizers.Prepared bpe = Bpe.train(words, BPE_VOCAB);
        List<List<String>> docs = new ArrayList<>(lines.lines().size());
        for (String l : lines.lines()) docs.add(bpe.tokenizer().tokenize(l));

        // every context with its counts (rows = input tokens), then the sample
        BuildOptions bo = buildOptions();
        CorpusCounts counts = CorpusCounts.ofDocuments(docs, Windows.SLIDING, CONTEXT_LENGTH);
        ContextAssembler.requireWindows(CONTEXT_LENGTH, counts.windows().size(), counts.longestDocument());
        ContextAssembler.Assembled all = ContextAssembler.assemble(counts, bo);
        NtpDataset full = all.dataset();
        int m0 = full.contextCount();
        if (m0 < wantContexts) {
            throw new UserError("the corpus gives only " + m0 + " distinct contexts of " + (CONTEXT_LENGTH - 1) + " BPE tokens ("
                    + lines.lines().size() + " lines), fewer than the " + wantContexts + " asked for; use a larger corpus or fewer contexts");
        }
        int[] pick = uniformSample(m0, wantContexts, seed);
        int width = CONTEXT_LENGTH - 1;
        int[] start = new int[pick.length + 1];
        for (int i = 0; i < pick.length; i++) start[i + 1] = start[i] + full.supportSize(pick[i]);
        int[] next = new int[start[pick.length]];
        long[] cnt = new long[next.length];
        int[] keys = new int[pick.length * width];
        int[] allKeys = full.contextTokensFlat();
        for (int i = 0; i < pick.length; i++) {
            int j = pick[i];
            for (int k = full.start(j); k < full.end(j); k++) {
                next[start[i] + k - full.start(j)] = full.token(k); // rows are input ids (full vocabulary)
                cnt[start[i] + k - full.start(j)] = full.count(k);
            }
            System.arraycopy(allKeys, j * width, keys, i * width, width);
        }
        ObjectNode stages = all.stages().deepCopy();
        stages.put("lines_used", lines.lines().size());
        stages.put("contexts_sampled", pick.length);
        ContextAssembler.Assembled a = ContextAssembler.assemble(all.inputTokens(), new KeptContexts(width, keys, start, next, cnt),
                stages, BuildOptions.NextTokenVocab.OBSERVED);
        ObjectNode options = bo.withFilters(1, 1, null, null, BuildOptions.NextTokenVocab.OBSERVED).toJson();
        options.put("recipe", name());
        options.put("seed", seed);
        if (o.lines() != null) options.put("lines", o.lines());
        options.put("contexts", wantContexts);
        options.put("selection", "uniform sample without replacement");
        ObjectNode recipe = Json.object();
        recipe.put("name", name());
        ObjectNode prov = Recipes.provenance(this, bpe, options, lines.inputs(), stages, recipe);
        return new CorpusDatasetBuilder.Built(a, prov, bpe);
    }

    /** {@code k} distinct indices of 0..n-1, uniform, ascending: partial Fisher-Yates with {@link Random}{@code (seed)}. */
    static int[] uniformSample(int n, int k, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Random r = new Random(seed);
        for (int i = 0; i < k; i++) {
            int p = i + r.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[p];
            perm[p] = t;
        }
        int[] out = Arrays.copyOf(perm, k);
        Arrays.sort(out);
        return out;
    }
}
