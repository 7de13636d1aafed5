package org.ntpgeo.data;

import org.ntpgeo.common.ProgressListener;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;

/** {@code data build}: corpus files -> counts -> assembled dataset -> dataset directory (staged, atomic). */
public final class CorpusDatasetBuilder {
    /** Inputs over this size get a progress bar. */
    public static final long PROGRESS_BYTES = 4L << 20;

    /** A built dataset with everything written next to it. */
    public record Built(ContextAssembler.Assembled assembled, ObjectNode provenance, Tokenizers.Prepared tokenizer) {
        public NtpDataset dataset() {
            return assembled.dataset();
        }
    }

    private CorpusDatasetBuilder() {}

    /** Count and assemble in memory (no files written). */
    public static Built build(List<Path> corpus, BuildOptions options, int threads, ProgressListener progress) {
        options.validate();
        long total = CorpusCounter.totalBytes(corpus);
        Tokenizers.Prepared tok = Tokenizers.prepare(options, corpus, total > PROGRESS_BYTES ? progress : ProgressListener.NONE);
        CorpusCounter counter = new CorpusCounter(tok.tokenizer(), options.documents(), options.windows(),
                options.contextLength(), threads, CorpusCounter.DEFAULT_CHUNK_BYTES);
        CorpusCounter.Result counted;
        try (Progress bar = progress.startIf(total > PROGRESS_BYTES, "counting", total)) {
            counted = counter.count(corpus, bar);
        }
        requireTokens(counted.counts().tokenTotal(), corpus.stream().map(Path::toString).toList());
        ContextAssembler.Assembled a = ContextAssembler.assemble(counted.counts(), options);
        ObjectNode prov = provenance(tok, options, counted.inputs(), a.stages());
        return new Built(a, prov, tok);
    }

    /** The corpus must have at least one token; the message names the input files. */
    public static void requireTokens(long tokens, List<String> inputs) {
        if (tokens == 0) throw new UserError("the corpus is empty: no tokens in " + String.join(", ", inputs));
    }

    /** The provenance block of dataset.json: tokenizer, options, input files (path, bytes, sha256), pipeline counts. */
    public static ObjectNode provenance(Tokenizers.Prepared tokenizer, BuildOptions options,
                                        List<CorpusCounter.InputFile> inputFiles, ObjectNode pipeline) {
        return provenance("ntpgeo data build", tokenizer, options.toJson(), inputFiles, pipeline);
    }

    /** As {@link #provenance(Tokenizers.Prepared, BuildOptions, List, ObjectNode)} for any producer and options block. */
    public static ObjectNode provenance(String createdBy, Tokenizers.Prepared tokenizer, ObjectNode options,
                                        List<CorpusCounter.InputFile> inputFiles, ObjectNode pipeline) {
        ObjectNode prov = Json.object();
        prov.put("source", "corpus");
        prov.put("created_by", createdBy);
        prov.set("tokenizer", tokenizer.description());
        prov.set("options", options);
        ArrayNode inputs = prov.putArray("inputs");
        for (CorpusCounter.InputFile f : inputFiles) {
            ObjectNode o = inputs.addObject();
            o.put("path", f.path());
            o.put("bytes", f.bytes());
            o.put("sha256", f.sha256());
        }
        prov.set("pipeline", pipeline);
        return prov;
    }

    /** Refuse an existing output unless {@code force}. */
    public static void checkOutput(Path out, boolean force) {
        if (Files.exists(out) && !force) throw new OptionError("output " + out + " already exists (use {force} to replace it)");
    }

    /** Build and write {@code out} atomically: on any error nothing is left behind. */
    public static Built buildTo(Path out, boolean force, List<Path> corpus, BuildOptions options, ProgressListener progress) {
        checkOutput(out, force);
        options.validate();
        Built b = build(corpus, options, Runtime.getRuntime().availableProcessors(), progress);
        writeDirectory(out, force, dir -> write(dir, b));
        return b;
    }

    /** Stage {@code out}, let {@code body} fill it, commit; I/O failures become one-line user errors. */
    public static void writeDirectory(Path out, boolean force, java.util.function.Consumer<Path> body) {
        try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(out, force)) {
            body.accept(dir.path());
            dir.commit();
        } catch (java.io.UncheckedIOException e) {
            throw new UserError("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** Write dataset.npz, dataset.json (and the tokenizer model, if any) into an existing directory. */
    public static void write(Path dir, Built b) {
        Map<String, NdArray> extra = new LinkedHashMap<>();
        extra.put("input_tokens", NdArray.ofStrings(b.assembled().inputTokens()));
        extra.put("row_input_id", NdArray.ofInts(b.assembled().rowInputIds(), b.assembled().rowInputIds().length));
        DatasetFiles.write(dir, b.dataset(), b.provenance(), extra);
        b.tokenizer().saveInto(dir);
    }
}
