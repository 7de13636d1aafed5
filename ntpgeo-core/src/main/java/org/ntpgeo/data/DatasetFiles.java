package org.ntpgeo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npz;

/**
 * The on-disk dataset contract: {@code DIR/dataset.npz} (V, m, support_token, support_context, count, and when
 * known contexts [m, T-1] int32 and tokens (strings)) plus {@code DIR/dataset.json} (summary and provenance).
 */
public final class DatasetFiles {
    public static final String NPZ = "dataset.npz";
    public static final String JSON = "dataset.json";

    private DatasetFiles() {}

    /** The npz arrays of a dataset, in contract order. */
    public static Map<String, NdArray> toArrays(NtpDataset ds) {
        int nnz = ds.nonZeros();
        int[] ctx = new int[nnz];
        for (int j = 0; j < ds.contextCount(); j++) for (int k = ds.start(j); k < ds.end(j); k++) ctx[k] = j;
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("V", NdArray.scalar((long) ds.vocabSize()));
        a.put("m", NdArray.scalar((long) ds.contextCount()));
        a.put("support_token", NdArray.ofInts(ds.supportTokensFlat(), nnz));
        a.put("support_context", NdArray.ofInts(ctx, nnz));
        a.put("count", NdArray.ofLongs(ds.countsFlat(), nnz));
        if (ds.contextTokensFlat() != null) {
            a.put("contexts", NdArray.ofInts(ds.contextTokensFlat(), ds.contextCount(), ds.contextWidth()));
        }
        if (ds.vocab() != null) a.put("tokens", NdArray.ofStrings(ds.vocab()));
        return a;
    }

    /**
     * Write dataset.npz and dataset.json into {@code dir} (which must exist; callers stage directories with
     * {@link org.ntpgeo.io.AtomicFiles#stageDirectory}). {@code provenance} (tokenizer, options, inputs...) is
     * merged into the JSON beside the summary.
     */
    public static void write(Path dir, NtpDataset ds, ObjectNode provenance) {
        write(dir, ds, provenance, Map.of());
    }

    /**
     * As {@link #write(Path, NtpDataset, ObjectNode)} with extra npz arrays after the contract ones (corpus
     * datasets add {@code input_tokens} and {@code row_input_id}, see docs/DATA.md).
     */
    public static void write(Path dir, NtpDataset ds, ObjectNode provenance, Map<String, NdArray> extra) {
        // the summary (support classes, entropy, histogram) on another thread while the archive is written
        CompletableFuture<DatasetSummary> summary = CompletableFuture.supplyAsync(() -> DatasetSummary.of(ds));
        Map<String, NdArray> arrays = toArrays(ds);
        arrays.putAll(extra);
        Npz.write(dir.resolve(NPZ), arrays);
        ObjectNode json = joined(summary).toJson();
        json.put("format", "ntpgeo-dataset/1");
        if (provenance != null) json.setAll(provenance);
        // the common provenance block; without a time so that rebuilding the same dataset writes the same bytes. The
        // top-level created_by/tokenizer/options/inputs above stay where readers of ntpgeo-dataset/1 look for them.
        Provenance block = Provenance.reproducible(provenance == null ? "ntpgeo" : provenance.path("created_by").asText("ntpgeo"));
        if (provenance != null && provenance.has("options")) block.options(provenance.get("options"));
        if (provenance != null && provenance.has("inputs")) block.set("inputs", provenance.get("inputs"));
        block.addTo(json);
        Json.write(dir.resolve(JSON), json);
    }

    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /**
     * Load a dataset directory (or a path to its dataset.npz). Every problem is a one-line {@link UserError}
     * naming the file and what is wrong: a missing or unreadable archive, a missing array, an array of the wrong
     * shape or type, ids out of range (support_token in [0, V), support_context in [0, m), context tokens in
     * [0, input vocabulary), row_input_id in [0, input vocabulary)), a count below 1, counts whose sum exceeds
     * int64, a context without any next token, a duplicated (context, token) entry, or an entropy that is not
     * finite.
     */
    public static NtpDataset read(Path dirOrFile) {
        Path npz = npz(dirOrFile);
        if (!Files.exists(npz)) {
            throw new UserError("not an ntpgeo dataset: " + npz + " does not exist (build one with 'ntpgeo data build' or 'ntpgeo data synth')");
        }
        Map<String, NdArray> a = readArchive(npz);
        for (String k : new String[] {"V", "m", "support_token", "support_context", "count"}) {
            if (!a.containsKey(k)) throw new UserError("not an ntpgeo dataset: " + npz + " has no array '" + k + "'");
        }
        try {
            return fromArrays(a);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new UserError("not a valid ntpgeo dataset: " + npz + ": " + e.getMessage());
        }
    }

    private static Map<String, NdArray> readArchive(Path npz) {
        try {
            return Npz.read(npz);
        } catch (UncheckedIOException e) {
            throw new UserError("not an ntpgeo dataset: " + npz + " is not a readable .npz archive");
        } catch (RuntimeException e) { // a damaged .npy header (negative or huge shape, bad dtype...)
            throw new UserError("not an ntpgeo dataset: " + npz + " holds a damaged array (" + e.getMessage() + ")");
        }
    }

    /** The dataset of the npz arrays, with every check of {@link #read}; IllegalArgumentException names a problem. */
    static NtpDataset fromArrays(Map<String, NdArray> a) {
        long vLong = scalar(a, "V");
        long mLong = scalar(a, "m");
        if (vLong < 1) throw new IllegalArgumentException("V = " + vLong + " (must be >= 1)");
        if (mLong < 1) throw new IllegalArgumentException("m = " + mLong + " (must be >= 1: the dataset has no context)");
        int[] tok = vector(a, "support_token").asInts();
        int[] ctx = vector(a, "support_context").asInts();
        long[] cnt = vector(a, "count").asLongs();
        if (tok.length != ctx.length || tok.length != cnt.length) {
            throw new IllegalArgumentException("support_token, support_context and count differ in length (" + tok.length + ", "
                    + ctx.length + ", " + cnt.length + ")");
        }
        if (mLong > tok.length) throw new IllegalArgumentException("m = " + mLong + " contexts but only " + tok.length + " support entries");
        int vocabSize = Math.toIntExact(vLong);
        int m = (int) mLong;
        for (int k = 0; k < tok.length; k++) {
            if (ctx[k] < 0 || ctx[k] >= m) throw new IllegalArgumentException("support_context " + ctx[k] + " outside [0, m = " + m + ")");
            if (tok[k] < 0 || tok[k] >= vocabSize) throw new IllegalArgumentException("support_token " + tok[k] + " outside [0, V = " + vocabSize + ")");
            if (cnt[k] < 1) throw new IllegalArgumentException("count " + cnt[k] + " < 1 (context " + ctx[k] + ", token " + tok[k] + ")");
        }
        // sort entries by (context, token) so files written by other tools load too
        int[] order = sortedOrder(ctx, tok);
        int[] colPtr = new int[m + 1];
        int[] t2 = new int[tok.length];
        long[] c2 = new long[tok.length];
        for (int k = 0; k < tok.length; k++) {
            int src = order == null ? k : order[k];
            if (k > 0 && ctx[src] == ctx[order == null ? k - 1 : order[k - 1]] && tok[src] == t2[k - 1]) {
                throw new IllegalArgumentException("context " + ctx[src] + " lists token " + tok[src] + " twice");
            }
            colPtr[ctx[src] + 1]++;
            t2[k] = tok[src];
            c2[k] = cnt[src];
        }
        for (int j = 0; j < m; j++) colPtr[j + 1] += colPtr[j];
        String[] vocab = a.containsKey("tokens") ? vector(a, "tokens").asStrings() : null;
        if (vocab != null && vocab.length != vocabSize) throw new IllegalArgumentException("tokens has " + vocab.length + " strings for V = " + vocabSize);
        String[] inputTokens = a.containsKey("input_tokens") ? vector(a, "input_tokens").asStrings() : vocab;
        if (a.containsKey("row_input_id")) {
            int[] rows = vector(a, "row_input_id").asInts();
            if (rows.length != vocabSize) throw new IllegalArgumentException("row_input_id has " + rows.length + " entries for V = " + vocabSize);
            if (inputTokens != null) for (int r : rows) inRange("row_input_id", r, inputTokens.length);
        }
        int width = 0;
        int[] contexts = null;
        if (a.containsKey("contexts")) {
            NdArray c = a.get("contexts");
            if (c.ndim() != 2 || c.shape()[0] != m || c.shape()[1] < 1) {
                throw new IllegalArgumentException("contexts has shape " + java.util.Arrays.toString(c.shape()) + ", expected [m = " + m + ", T-1 >= 1]");
            }
            width = (int) c.shape()[1];
            contexts = c.asInts();
            if (c.fortranOrder()) {
                int[] rowMajor = new int[contexts.length];
                for (int i = 0; i < m; i++) for (int w = 0; w < width; w++) rowMajor[i * width + w] = contexts[i + w * m];
                contexts = rowMajor;
            }
            int limit = inputTokens == null ? Integer.MAX_VALUE : inputTokens.length;
            for (int id : contexts) inRange("context token id", id, limit);
        }
        NtpDataset ds = new NtpDataset(vocabSize, colPtr, t2, c2, vocab, width, contexts);
        double h = ds.entropy();
        if (!Double.isFinite(h)) throw new IllegalArgumentException("its entropy H = " + h + " is not finite");
        return ds;
    }

    private static long scalar(Map<String, NdArray> a, String name) {
        NdArray x = a.get(name);
        if (x.size() != 1) throw new IllegalArgumentException(name + " must be a scalar, got shape " + java.util.Arrays.toString(x.shape()));
        return x.longScalar();
    }

    private static NdArray vector(Map<String, NdArray> a, String name) {
        NdArray x = a.get(name);
        if (x.ndim() != 1) throw new IllegalArgumentException(name + " must be 1-dimensional, got shape " + java.util.Arrays.toString(x.shape()));
        return x;
    }

    private static void inRange(String what, int id, int limit) {
        if (id < 0 || id >= limit) throw new IllegalArgumentException(what + " " + id + " outside [0, " + limit + ")");
    }

    /** The permutation that sorts the entries by (context, token), or null when they are sorted already. */
    private static int[] sortedOrder(int[] ctx, int[] tok) {
        boolean sorted = true;
        for (int k = 1; k < tok.length && sorted; k++) sorted = ctx[k] > ctx[k - 1] || (ctx[k] == ctx[k - 1] && tok[k] > tok[k - 1]);
        if (sorted) return null;
        long[] keys = new long[tok.length];
        for (int k = 0; k < tok.length; k++) keys[k] = ((long) ctx[k] << 32 | tok[k]) ;
        Integer[] boxed = new Integer[tok.length];
        for (int k = 0; k < boxed.length; k++) boxed[k] = k;
        java.util.Arrays.sort(boxed, (x, y) -> Long.compare(keys[x], keys[y]));
        int[] order = new int[boxed.length];
        for (int k = 0; k < order.length; k++) order[k] = boxed[k];
        return order;
    }

    /**
     * The input vocabulary that the {@code contexts} ids refer to: the npz array {@code input_tokens} when present
     * (corpus datasets), else {@code tokens}, else null.
     */
    public static String[] inputTokens(Path dirOrFile) {
        Path npz = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(NPZ) : dirOrFile;
        read(npz);
        Map<String, NdArray> a = Npz.read(npz);
        if (a.containsKey("input_tokens")) return a.get("input_tokens").asStrings();
        return a.containsKey("tokens") ? a.get("tokens").asStrings() : null;
    }

    /** The dataset.npz of a dataset directory (or the file itself when given). */
    public static Path npz(Path dirOrFile) {
        return Files.isDirectory(dirOrFile) ? dirOrFile.resolve(NPZ) : dirOrFile;
    }

    /** Records the dataset {@code dirOrFile} (its path as given and the sha256 of its dataset.npz) as input "dataset". */
    public static Provenance recordInput(Provenance provenance, Path dirOrFile) {
        return provenance.input("dataset", dirOrFile, sha256(npz(dirOrFile)));
    }

    /** The dataset.json of a dataset directory, or null when absent. */
    public static JsonNode readJson(Path dir) {
        Path f = dir.resolve(JSON);
        return Files.exists(f) ? Json.read(f) : null;
    }

    /** sha256 of a file, hex (used for provenance: input files, dataset hashes in run.json). */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256 of the rest of a stream, hex (the stream is not closed). */
    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
