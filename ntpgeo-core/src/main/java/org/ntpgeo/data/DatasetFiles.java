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
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
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
        Map<String, NdArray> arrays = toArrays(ds);
        arrays.putAll(extra);
        Npz.write(dir.resolve(NPZ), arrays);
        ObjectNode json = DatasetSummary.of(ds).toJson();
        json.put("format", "ntpgeo-dataset/1");
        if (provenance != null) json.setAll(provenance);
        Json.write(dir.resolve(JSON), json);
    }

    /** Load a dataset directory (or a path to its dataset.npz); user-facing errors for anything wrong. */
    public static NtpDataset read(Path dirOrFile) {
        Path npz = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(NPZ) : dirOrFile;
        if (!Files.exists(npz)) {
            throw new UserError("not an ntpgeo dataset: " + npz + " does not exist (build one with 'ntpgeo data build' or 'ntpgeo data synth')");
        }
        Map<String, NdArray> a;
        try {
            a = Npz.read(npz);
        } catch (UncheckedIOException e) {
            throw new UserError("not an ntpgeo dataset: " + npz + " is not a readable .npz archive");
        }
        for (String k : new String[] {"V", "m", "support_token", "support_context", "count"}) {
            if (!a.containsKey(k)) throw new UserError("not an ntpgeo dataset: " + npz + " has no array '" + k + "'");
        }
        try {
            int vocabSize = Math.toIntExact(a.get("V").longScalar());
            int m = Math.toIntExact(a.get("m").longScalar());
            int[] tok = a.get("support_token").asInts();
            int[] ctx = a.get("support_context").asInts();
            long[] cnt = a.get("count").asLongs();
            if (tok.length != ctx.length || tok.length != cnt.length) throw new IllegalArgumentException("support arrays differ in length");
            // sort entries by (context, token) so files written by other tools load too
            Integer[] order = new Integer[tok.length];
            boolean sorted = true;
            for (int k = 0; k < tok.length; k++) {
                order[k] = k;
                if (k > 0 && (ctx[k] < ctx[k - 1] || (ctx[k] == ctx[k - 1] && tok[k] <= tok[k - 1]))) sorted = false;
            }
            if (!sorted) java.util.Arrays.sort(order, (x, y) -> ctx[x] != ctx[y] ? Integer.compare(ctx[x], ctx[y]) : Integer.compare(tok[x], tok[y]));
            int[] colPtr = new int[m + 1];
            int[] t2 = new int[tok.length];
            long[] c2 = new long[tok.length];
            for (int k = 0; k < tok.length; k++) {
                int src = order[k];
                if (ctx[src] < 0 || ctx[src] >= m) throw new IllegalArgumentException("support_context out of [0, m)");
                colPtr[ctx[src] + 1]++;
                t2[k] = tok[src];
                c2[k] = cnt[src];
            }
            for (int j = 0; j < m; j++) colPtr[j + 1] += colPtr[j];
            String[] vocab = a.containsKey("tokens") ? a.get("tokens").asStrings() : null;
            int width = 0;
            int[] contexts = null;
            if (a.containsKey("contexts")) {
                NdArray c = a.get("contexts");
                if (c.ndim() != 2 || c.shape()[0] != m) throw new IllegalArgumentException("contexts must be [m, T-1]");
                width = (int) c.shape()[1];
                contexts = c.asInts();
                if (c.fortranOrder()) {
                    int[] rowMajor = new int[contexts.length];
                    for (int i = 0; i < m; i++) for (int w = 0; w < width; w++) rowMajor[i * width + w] = contexts[i + w * m];
                    contexts = rowMajor;
                }
            }
            return new NtpDataset(vocabSize, colPtr, t2, c2, vocab, width, contexts);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new UserError("not a valid ntpgeo dataset: " + npz + ": " + e.getMessage());
        }
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
