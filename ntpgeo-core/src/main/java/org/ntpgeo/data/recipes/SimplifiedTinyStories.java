package org.ntpgeo.data.recipes;

import org.ntpgeo.common.ProgressListener;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.ContextAssembler;
import org.ntpgeo.data.CorpusCounter;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.GramTable;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;
import org.ntpgeo.io.Json;

/**
 * "Simplified TinyStories" the way the paper's authors built it (theory.md, "Datasets in the paper"), with their
 * hand-made synonym/verb variants replaced by a reproducible rule. docs/DATA.md ("Recipes") is the specification;
 * in short:
 * <ol>
 *   <li>the first {@code lines} non-blank lines of the corpus (default 2000), each line a document, word tokens
 *       (the {@code word} tokenizer), no vocabulary cap;</li>
 *   <li>sliding windows of T = 6: 5-word contexts with their next words, counted;</li>
 *   <li>contexts with at least 2 distinct next words, most frequent first (ties: earlier first occurrence); a
 *       context with 8 or more distinct next words keeps only the next words seen at least twice, and is skipped
 *       if fewer than 2 remain; the first {@code contexts} (default 50) that pass are the base contexts, one
 *       support class each;</li>
 *   <li>each base context gets {@code variants - 1} variants (default 8 contexts per class): one or two of its
 *       words (equally likely) at random positions are replaced by one of the {@value #NEIGHBOURS} words whose
 *       left/right co-occurrence profile is closest to the replaced word's ({@link DistributionalNeighbours},
 *       candidates seen at least {@value #MIN_NEIGHBOUR_FREQUENCY} times); a variant equal to any context already
 *       made is redrawn; a variant keeps its base's support;</li>
 *   <li>every count is redrawn uniformly from 1..4 per (context, next word), as the authors' sampler does;</li>
 *   <li>V = the next words that survive (rows ordered by first occurrence in the text); the context words have
 *       their own input vocabulary ({@code input_tokens}).</li>
 * </ol>
 * All randomness is one {@link Random}{@code (seed)}: variants in class order, then counts in context order.
 */
public final class SimplifiedTinyStories implements Recipe {
    public static final int CONTEXT_LENGTH = 6;
    public static final int DEFAULT_LINES = 2000;
    public static final int DEFAULT_CONTEXTS = 50;
    public static final int DEFAULT_VARIANTS = 8;
    /** Contexts with at least this many distinct next words keep only next words seen at least twice. */
    public static final int PRUNE_FROM = 8;
    public static final int NEIGHBOURS = 5;
    public static final int MIN_NEIGHBOUR_FREQUENCY = 5;
    public static final int MAX_COUNT = 4;
    private static final int ATTEMPTS_PER_VARIANT = 1000;

    @Override
    public String name() {
        return "simplified-tinystories";
    }

    @Override
    public String summary() {
        return "the paper's simplified TinyStories: the most frequent 5-word contexts with >= 2 next words, each expanded "
                + "into variants that keep its support, counts redrawn in 1..4";
    }

    @Override
    public Set<RecipeOptions.Knob> knobs() {
        return EnumSet.allOf(RecipeOptions.Knob.class);
    }

    /** A base context: its words (corpus ids), total count in the text, and kept next words (corpus ids, ascending). */
    record Base(int[] words, long count, int[] next, int distinctNextBeforePruning) {}

    @Override
    public CorpusDatasetBuilder.Built build(List<Path> corpus, RecipeOptions o) {
        o.requireOnly(name(), knobs());
        long seed = o.seed() == null ? 0 : o.seed();
        int wantLines = o.lines() == null ? DEFAULT_LINES : o.lines();
        int wantContexts = o.contexts() == null ? DEFAULT_CONTEXTS : o.contexts();
        int perClass = o.variants() == null ? DEFAULT_VARIANTS : o.variants();
        int width = CONTEXT_LENGTH - 1;

        // 1. lines and word tokens (corpus ids in order of first occurrence)
        CorpusLines lines = CorpusLines.read(corpus, wantLines);
        Tokenizers.Prepared word = Tokenizers.prepare(BuildOptions.defaults(CONTEXT_LENGTH), List.of(), ProgressListener.NONE);
        Tokenizer tok = word.tokenizer();
        Map<String, Integer> ids = new HashMap<>();
        List<String> words = new ArrayList<>();
        List<int[]> docs = new ArrayList<>();
        long tokenTotal = 0;
        for (String line : lines.lines()) {
            List<String> t = tok.tokenize(line);
            int[] d = new int[t.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = ids.computeIfAbsent(t.get(i), s -> {
                    words.add(s);
                    return words.size() - 1;
                });
            }
            docs.add(d);
            tokenTotal += d.length;
        }
        if (tokenTotal == 0) throw new UserError("the corpus is empty: no words in " + inputNames(corpus));

        // 2. contexts of 5 words with their next words (contexts numbered by first occurrence)
        GramTable contexts = new GramTable(width);
        List<Map<Integer, Long>> next = new ArrayList<>();
        long windows = 0;
        for (int[] d : docs) {
            for (int i = 0; i + CONTEXT_LENGTH <= d.length; i++) {
                int c = contexts.add(d, i, 1);
                if (c == next.size()) next.add(new TreeMap<>());
                next.get(c).merge(d[i + width], 1L, Long::sum);
                windows++;
            }
        }
        if (windows == 0) {
            throw new UserError("no line among the first " + lines.lines().size() + " lines has " + CONTEXT_LENGTH + " words");
        }

        // 3. the most frequent contexts with >= 2 next words, pruned
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < contexts.size(); c++) if (next.get(c).size() >= 2) candidates.add(c);
        int withTwo = candidates.size();
        candidates.sort((a, b) -> contexts.count(a) != contexts.count(b) ? Long.compare(contexts.count(b), contexts.count(a))
                : Integer.compare(a, b));
        List<Base> bases = new ArrayList<>();
        int skipped = 0;
        long prunedNextWords = 0;
        for (int c : candidates) {
            if (bases.size() == wantContexts) break;
            Map<Integer, Long> nx = next.get(c);
            int[] kept = nx.entrySet().stream().filter(e -> nx.size() < PRUNE_FROM || e.getValue() >= 2)
                    .mapToInt(Map.Entry::getKey).toArray(); // TreeMap: ascending ids
            if (kept.length < 2) {
                skipped++;
                continue;
            }
            prunedNextWords += nx.size() - kept.length;
            int[] key = new int[width];
            contexts.copyKey(c, key, 0);
            bases.add(new Base(key, contexts.count(c), kept, nx.size()));
        }
        if (bases.size() < wantContexts) {
            throw new UserError("the first " + lines.lines().size() + " lines give only " + bases.size() + " contexts of " + width
                    + " words with at least 2 distinct next words (after pruning), fewer than the " + wantContexts
                    + " asked for; use more lines or fewer contexts");
        }

        // 4. variants from distributional neighbours
        DistributionalNeighbours nb = new DistributionalNeighbours(words.size(), docs);
        Map<Integer, int[]> nearest = new HashMap<>();
        Random rng = new Random(seed);
        Set<List<Integer>> used = new HashSet<>();
        for (Base b : bases) used.add(asList(b.words()));
        List<int[]> contextWords = new ArrayList<>();
        List<Integer> classOf = new ArrayList<>();
        List<List<String>> variantText = new ArrayList<>();
        for (int cls = 0; cls < bases.size(); cls++) {
            Base b = bases.get(cls);
            contextWords.add(b.words());
            classOf.add(cls);
            List<String> texts = new ArrayList<>();
            int attempts = 0;
            while (texts.size() < perClass - 1) {
                if (attempts++ >= ATTEMPTS_PER_VARIANT * perClass) {
                    throw new UserError("cannot make " + perClass + " distinct variants of the context '" + text(b.words(), words)
                            + "' from its words' distributional neighbours (made " + (texts.size() + 1)
                            + "); use fewer variants or more lines");
                }
                int[] v = b.words().clone();
                int changes = 1 + rng.nextInt(2);
                int first = rng.nextInt(width);
                int second = changes == 2 ? (first + 1 + rng.nextInt(width - 1)) % width : -1;
                boolean ok = substitute(v, first, nb, nearest, rng);
                if (second >= 0) ok &= substitute(v, second, nb, nearest, rng);
                if (!ok || !used.add(asList(v))) continue;
                contextWords.add(v);
                classOf.add(cls);
                texts.add(text(v, words));
            }
            variantText.add(texts);
        }

        // 5-6. rows (next words by first occurrence), input vocabulary, redrawn counts
        boolean[] isNext = new boolean[words.size()];
        boolean[] isInput = new boolean[words.size()];
        for (Base b : bases) for (int z : b.next()) isNext[z] = isInput[z] = true;
        for (int[] c : contextWords) for (int w : c) isInput[w] = true;
        int[] inputId = new int[words.size()];
        int[] rowId = new int[words.size()];
        List<String> inputTokens = new ArrayList<>();
        List<Integer> rowInput = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            inputId[w] = isInput[w] ? inputTokens.size() : -1;
            if (isInput[w]) inputTokens.add(words.get(w));
            rowId[w] = isNext[w] ? rowInput.size() : -1;
            if (isNext[w]) rowInput.add(inputId[w]);
        }
        int m = contextWords.size();
        int[] colPtr = new int[m + 1];
        for (int j = 0; j < m; j++) colPtr[j + 1] = colPtr[j] + bases.get(classOf.get(j)).next().length;
        int[] rows = new int[colPtr[m]];
        long[] counts = new long[colPtr[m]];
        int[] flat = new int[m * width];
        for (int j = 0; j < m; j++) {
            int[] nx = bases.get(classOf.get(j)).next(); // ascending corpus ids -> ascending row ids
            for (int k = 0; k < nx.length; k++) {
                rows[colPtr[j] + k] = rowId[nx[k]];
                counts[colPtr[j] + k] = 1 + rng.nextInt(MAX_COUNT);
            }
            for (int i = 0; i < width; i++) flat[j * width + i] = inputId[contextWords.get(j)[i]];
        }
        String[] rowNames = new String[rowInput.size()];
        int[] rowInputIds = new int[rowInput.size()];
        for (int r = 0; r < rowNames.length; r++) {
            rowInputIds[r] = rowInput.get(r);
            rowNames[r] = inputTokens.get(rowInputIds[r]);
        }
        NtpDataset ds = new NtpDataset(rowNames.length, colPtr, rows, counts, rowNames, width, flat);

        // provenance
        ObjectNode pipeline = Json.object();
        pipeline.put("lines_requested", wantLines);
        pipeline.put("lines_used", lines.lines().size());
        pipeline.put("tokens", tokenTotal);
        pipeline.put("distinct_tokens", words.size());
        pipeline.put("windows", windows);
        pipeline.put("contexts", contexts.size());
        pipeline.put("contexts_with_2_next_words", withTwo);
        pipeline.put("skipped_after_pruning", skipped);
        pipeline.put("next_words_pruned", prunedNextWords);
        pipeline.put("classes", bases.size());
        pipeline.put("contexts_per_class", perClass);
        pipeline.put("input_vocab", inputTokens.size());
        ObjectNode options = Json.object();
        options.put("recipe", name());
        options.put("seed", seed);
        options.put("lines", wantLines);
        options.put("contexts", wantContexts);
        options.put("variants", perClass);
        options.put("context_length", CONTEXT_LENGTH);
        options.put("tokenizer", "word");
        options.put("documents", "line");
        options.put("prune_from", PRUNE_FROM);
        options.put("neighbours", NEIGHBOURS);
        options.put("min_neighbour_frequency", MIN_NEIGHBOUR_FREQUENCY);
        options.put("counts", "1.." + MAX_COUNT);
        ObjectNode recipe = Json.object();
        recipe.put("name", name());
        if (lines.lines().size() < wantLines) {
            recipe.putArray("notes").add("the corpus has only " + lines.lines().size() + " non-blank lines; all of them were used");
        }
        ArrayNode classes = recipe.putArray("classes");
        for (int c = 0; c < bases.size(); c++) {
            Base b = bases.get(c);
            ObjectNode x = classes.addObject();
            x.put("context", text(b.words(), words));
            x.put("count", b.count());
            x.put("distinct_next_words", b.distinctNextBeforePruning());
            ArrayNode nw = x.putArray("next_words");
            for (int z : b.next()) nw.add(words.get(z));
            ArrayNode vs = x.putArray("variants");
            for (String t : variantText.get(c)) vs.add(t);
        }
        ObjectNode prov = Recipes.provenance(this, word, options, lines.inputs(), pipeline, recipe);
        return new CorpusDatasetBuilder.Built(new ContextAssembler.Assembled(ds, inputTokens.toArray(new String[0]), rowInputIds,
                pipeline), prov, word);
    }

    /** Replace {@code v[pos]} by one of its word's nearest neighbours; false when it has none. */
    private static boolean substitute(int[] v, int pos, DistributionalNeighbours nb, Map<Integer, int[]> nearest, Random rng) {
        int[] cand = nearest.computeIfAbsent(v[pos], w -> nb.nearest(w, NEIGHBOURS, MIN_NEIGHBOUR_FREQUENCY, x -> true));
        if (cand.length == 0) return false;
        v[pos] = cand[rng.nextInt(cand.length)];
        return true;
    }

    private static List<Integer> asList(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static String text(int[] ids, List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) sb.append(sb.length() == 0 ? "" : " ").append(words.get(id));
        return sb.toString();
    }

    static String inputNames(List<Path> corpus) {
        return String.join(", ", corpus.stream().map(Path::toString).toList());
    }
}
