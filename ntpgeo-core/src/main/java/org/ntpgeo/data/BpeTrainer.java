package org.ntpgeo.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ntpgeo.io.Json;

/**
 * A small byte-pair-encoding trainer (no Java library on Maven Central trains BPE): words are the whitespace
 * tokens of the corpus, symbols start as single code points, and each step merges the adjacent pair with the
 * largest frequency-weighted count (ties: smaller left id, then smaller right id) until the vocabulary has the
 * requested size or no pair is left. The model is written as a HuggingFace {@code tokenizer.json}
 * (model BPE, pre-tokenizer WhitespaceSplit) that the tokenizers library loads and encodes with.
 */
public final class BpeTrainer {
    private BpeTrainer() {}

    /** Vocabulary (alphabet sorted by code point, then merge results in merge order) and merges in rank order. */
    public record Model(List<String> vocab, List<String[]> merges) {
        /** The reference encoding of one word: repeatedly merge the adjacent pair of lowest rank. */
        public List<String> encodeWord(String word) {
            Map<String, Integer> rank = new HashMap<>();
            for (int r = 0; r < merges.size(); r++) rank.putIfAbsent(merges.get(r)[0] + "\u0000" + merges.get(r)[1], r);
            List<String> sym = new ArrayList<>();
            word.codePoints().forEach(cp -> sym.add(new String(Character.toChars(cp))));
            while (sym.size() > 1) {
                int best = Integer.MAX_VALUE;
                for (int i = 0; i + 1 < sym.size(); i++) {
                    Integer r = rank.get(sym.get(i) + "\u0000" + sym.get(i + 1));
                    if (r != null && r < best) best = r;
                }
                if (best == Integer.MAX_VALUE) break;
                String a = merges.get(best)[0];
                String b = merges.get(best)[1];
                List<String> next = new ArrayList<>();
                for (int i = 0; i < sym.size(); i++) {
                    if (i + 1 < sym.size() && sym.get(i).equals(a) && sym.get(i + 1).equals(b)) {
                        next.add(a + b);
                        i++;
                    } else {
                        next.add(sym.get(i));
                    }
                }
                sym.clear();
                sym.addAll(next);
            }
            return sym;
        }

        /** HuggingFace tokenizer.json. */
        public ObjectNode toTokenizerJson() {
            ObjectNode root = Json.object();
            root.put("version", "1.0");
            root.putNull("truncation");
            root.putNull("padding");
            root.putArray("added_tokens");
            root.putNull("normalizer");
            root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
            root.putNull("post_processor");
            root.putNull("decoder");
            ObjectNode model = root.putObject("model");
            model.put("type", "BPE");
            model.putNull("dropout");
            model.putNull("unk_token");
            model.putNull("continuing_subword_prefix");
            model.putNull("end_of_word_suffix");
            model.put("fuse_unk", false);
            model.put("byte_fallback", false);
            model.put("ignore_merges", false);
            ObjectNode v = model.putObject("vocab");
            for (int i = 0; i < vocab.size(); i++) v.put(vocab.get(i), i);
            ArrayNode m = model.putArray("merges");
            for (String[] pair : merges) m.addArray().add(pair[0]).add(pair[1]);
            return root;
        }
    }

    /** Train on word counts (word -> occurrences); the vocabulary never drops below the alphabet. */
    public static Model train(Map<String, Long> wordCounts, int vocabSize) {
        TreeSet<Integer> alphabet = new TreeSet<>();
        for (String w : wordCounts.keySet()) w.codePoints().forEach(alphabet::add);
        List<String> vocab = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int cp : alphabet) {
            String s = new String(Character.toChars(cp));
            ids.put(s, vocab.size());
            vocab.add(s);
        }
        String[] keys = wordCounts.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        int[][] words = new int[keys.length][];
        long[] freq = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            words[i] = keys[i].codePoints().map(cp -> ids.get(new String(Character.toChars(cp)))).toArray();
            freq[i] = wordCounts.get(keys[i]);
        }
        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < vocabSize) {
            HashMap<Long, Long> pairs = new HashMap<>();
            for (int i = 0; i < words.length; i++) {
                int[] w = words[i];
                for (int k = 0; k + 1 < w.length; k++) pairs.merge(((long) w[k] << 32) | w[k + 1], freq[i], Long::sum);
            }
            if (pairs.isEmpty()) break;
            long best = -1;
            long bestCount = -1;
            for (Map.Entry<Long, Long> e : pairs.entrySet()) {
                long p = e.getKey();
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && p < best)) {
                    best = p;
                    bestCount = c;
                }
            }
            int a = (int) (best >>> 32);
            int b = (int) best;
            String merged = vocab.get(a) + vocab.get(b);
            merges.add(new String[] {vocab.get(a), vocab.get(b)});
            Integer id = ids.get(merged);
            if (id == null) {
                id = vocab.size();
                ids.put(merged, id);
                vocab.add(merged);
            }
            for (int i = 0; i < words.length; i++) words[i] = mergeIn(words[i], a, b, id);
        }
        return new Model(vocab, merges);
    }

    private static int[] mergeIn(int[] w, int a, int b, int id) {
        int n = 0;
        int[] out = null;
        for (int k = 0; k < w.length; k++) {
            if (k + 1 < w.length && w[k] == a && w[k + 1] == b) {
                if (out == null) out = Arrays.copyOf(w, w.length);
                out[n++] = id;
                k++;
            } else if (out != null) {
                out[n++] = w[k];
            } else {
                n++;
            }
        }
        return out == null ? w : Arrays.copyOf(out, n);
    }
}
