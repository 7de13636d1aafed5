package org.ntpgeo.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.ContextAssembler;
import org.ntpgeo.data.CorpusCounter;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.KeptContexts;
import org.ntpgeo.data.PipelineCounts;
import org.ntpgeo.data.Tokenizers;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * {@code data build} on Spark. Jobs, in order:
 * <ol>
 *   <li>input hashes: one task per file computes its sha256 (provenance, as the single-machine builder);</li>
 *   <li>vocabulary pass: each split counts its tokens with first positions; reduceByKey; the distinct tokens
 *       (vocabulary-sized, not corpus-sized) come to the driver, which numbers them by first occurrence and applies
 *       {@code --vocab-size};</li>
 *   <li>context pass: with the token ids broadcast, each split counts its windows and emits one record per
 *       context (sorted next tokens, counts, first position); reduceByKey merges them; with a vocabulary cap a
 *       second reduceByKey merges contexts that became equal;</li>
 *   <li>filters run on the executors ({@code --min-context-count}, {@code --min-support}; {@code --max-contexts}
 *       by a distributed top-M), and only the kept contexts reach the driver, which sorts them by first
 *       position.</li>
 * </ol>
 * Every reduction is associative and commutative and every order is decided by global text positions, so the
 * result is the same for any partitioning, and equals {@link CorpusDatasetBuilder}'s.
 */
public final class SparkDatasetBuilder {
    public static final int DEFAULT_BLOCK_BYTES = 4 << 20;
    public static final long MIN_SPLIT_BYTES = 1L << 20;
    public static final long MAX_SPLIT_BYTES = 128L << 20;

    private SparkDatasetBuilder() {}

    /** A corpus file as resolved on the driver. */
    record InputFile(String given, String uri, long bytes) implements Serializable {}

    /**
     * Count, filter and assemble; {@code splitBytes <= 0} picks a split size from the input size and the
     * cluster's default parallelism.
     */
    public static CorpusDatasetBuilder.Built build(JavaSparkContext sc, List<String> corpus, BuildOptions options,
                                                   long splitBytes) {
        return build(sc, corpus, options, splitBytes, TokenizerTraining.DEFAULT_SAMPLE_BYTES, false);
    }

    /** As {@link #build(JavaSparkContext, List, BuildOptions, long)}; {@code verbose} reports each job's time on stderr. */
    public static CorpusDatasetBuilder.Built build(JavaSparkContext sc, List<String> corpus, BuildOptions options,
                                                   long splitBytes, long bpeSampleBytes, boolean verbose) {
        try {
            return run(sc, corpus, options, splitBytes, bpeSampleBytes, new Phases(verbose));
        } catch (Exception e) {
            // Spark reports a task's failure as a SparkException whose cause is the task's exception
            UserError u = SparkDatasetBuild.userError(e);
            if (u != null && u != e) throw new UserError(u.getMessage(), e);
            throw e;
        }
    }

    /** Prints "ntpgeo-spark: PHASE: N s" lines on stderr when verbose. */
    static final class Phases {
        private final boolean verbose;
        private long t0 = System.nanoTime();

        Phases(boolean verbose) {
            this.verbose = verbose;
        }

        void done(String phase) {
            long t = System.nanoTime();
            if (verbose) System.err.printf(java.util.Locale.ROOT, "ntpgeo-spark: %s: %.1f s%n", phase, (t - t0) / 1e9);
            t0 = t;
        }
    }

    private static CorpusDatasetBuilder.Built run(JavaSparkContext sc, List<String> corpus, BuildOptions options,
                                                  long splitBytes, long bpeSampleBytes, Phases phases) {
        options.validate();
        Tokenizers.requireKnown(options.tokenizer());
        Configuration conf = sc.hadoopConfiguration();
        List<InputFile> files = resolve(corpus, conf);
        long total = files.stream().mapToLong(InputFile::bytes).sum();
        long split = splitBytes > 0 ? splitBytes
                : Math.max(MIN_SPLIT_BYTES, Math.min(MAX_SPLIT_BYTES, total / Math.max(1, 2L * sc.defaultParallelism()) + 1));
        Tokenizers.Prepared prepared = TokenizerTraining.prepare(options, files, conf, bpeSampleBytes);
        phases.done("tokenizer " + options.tokenizer());
        Broadcast<HadoopConf> hadoop = sc.broadcast(new HadoopConf(conf));
        PassConfig cfg = new PassConfig(options.documents(), options.windows(), options.contextLength(),
                TokenizerSpec.of(options.tokenizer(), prepared), DEFAULT_BLOCK_BYTES, hadoop);

        // the hashes run as an asynchronous job beside the counting passes
        org.apache.spark.api.java.JavaFutureAction<List<String>> hashJob = sha256(sc, files, hadoop);
        JavaRDD<CorpusSplit> splits = splits(sc, files, split, conf);
        phases.done("splits (" + files.size() + " files, " + total + " bytes, " + splits.getNumPartitions() + " splits of <= " + split + " bytes)");

        // pass 1: vocabulary and totals
        List<Tuple2<String, TokenStat>> vocab = splits.mapPartitionsToPair(it -> CountingPasses.vocabulary(it, cfg))
                .reduceByKey(TokenStat::merge).collect();
        TokenStat totals = new TokenStat();
        List<Tuple2<String, TokenStat>> tokenList = new ArrayList<>(vocab.size());
        for (Tuple2<String, TokenStat> e : vocab) {
            if (TokenStat.TOTALS.equals(e._1())) totals = e._2();
            else tokenList.add(e);
        }
        phases.done("vocabulary pass (" + (vocab.size() - 1) + " distinct tokens)");
        tokenList.sort((a, b) -> TextPosition.compare(a._2().hi, a._2().lo, b._2().hi, b._2().lo));
        String[] tokens = new String[tokenList.size()];
        long[] tokenCounts = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokenList.get(i)._1();
            tokenCounts[i] = tokenList.get(i)._2().count;
        }
        int t = options.contextLength();
        CorpusDatasetBuilder.requireTokens(totals.count, files.stream().map(InputFile::given).toList());
        ContextAssembler.requireWindows(t, totals.windows, totals.longest);

        // pass 2: contexts with their next-token counts
        Broadcast<TokenIds> idsB = sc.broadcast(new TokenIds(tokens));
        JavaPairRDD<IntTuple, ContextAgg> contexts = splits
                .mapPartitionsToPair(it -> CountingPasses.contexts(it, cfg, idsB.value()))
                .reduceByKey(ContextAgg::merge);
        String[] inputTokens = tokens;
        ContextAssembler.VocabularyCap cap = ContextAssembler.capVocabulary(tokens, tokenCounts, options);
        JavaPairRDD<IntTuple, ContextAgg> beforeCap = null;
        Long distinctWindows = null;
        long windowsDropped = 0;
        if (cap != null) {
            contexts.persist(StorageLevel.MEMORY_AND_DISK());
            distinctWindows = contexts.map(c -> (long) c._2().support()).fold(0L, Long::sum);
            inputTokens = cap.tokens();
            Broadcast<int[]> mapB = sc.broadcast(cap.map());
            JavaPairRDD<IntTuple, ContextAgg> original = contexts;
            beforeCap = original;
            if (options.unk() == BuildOptions.Unk.DROP) {
                windowsDropped = original.map(c -> c._2().droppedBy(c._1().toArray(), mapB.value())).fold(0L, Long::sum);
            }
            contexts = original.flatMapToPair(c -> {
                int[] map = mapB.value();
                int[] key = c._1().toArray();
                for (int i = 0; i < key.length; i++) {
                    key[i] = map[key[i]];
                    if (key[i] < 0) return java.util.Collections.emptyIterator(); // --unk drop
                }
                ContextAgg kept = c._2().remap(map);
                return kept == null ? java.util.Collections.emptyIterator()
                        : java.util.List.of(new Tuple2<>(new IntTuple(key), kept)).iterator();
            }).reduceByKey(ContextAgg::merge);
        }
        contexts.persist(StorageLevel.MEMORY_AND_DISK());
        long minCount = options.minContextCount();
        int minSupport = options.minSupport();
        long[] counts = contexts.map(c -> {
            ContextAgg a = c._2();
            boolean byCount = a.total() >= minCount;
            return new long[] {1, byCount ? 1 : 0, byCount && a.support() >= minSupport ? 1 : 0, a.support()};
        }).fold(new long[4], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});
        phases.done("context pass (" + counts[0] + " contexts)");
        if (cap == null) distinctWindows = counts[3];
        long kept = counts[2];
        JavaPairRDD<IntTuple, ContextAgg> filtered = contexts.filter(c -> c._2().total() >= minCount && c._2().support() >= minSupport);
        List<Tuple2<IntTuple, ContextAgg>> result;
        if (options.maxContexts() != null && kept > options.maxContexts()) {
            result = filtered.takeOrdered(options.maxContexts(), new MostFrequentFirst());
            kept = options.maxContexts();
        } else {
            result = filtered.collect();
        }
        if (cap != null) ContextAssembler.requireWindowsAfterCap(counts[0], cap);
        ContextAssembler.requireKept(kept, counts[0], counts[1], counts[2], options);
        phases.done("filters (" + kept + " contexts to the driver)");
        PipelineCounts stages = new PipelineCounts(totals.documents, totals.count, tokens.length, totals.windows,
                distinctWindows, PipelineCounts.VocabularyCap.of(options.unk(), cap == null ? null : (long) cap.outOfVocab(),
                windowsDropped), inputTokens.length, counts[0],
                counts[1], counts[2], kept);
        ContextAssembler.Assembled assembled = ContextAssembler.assemble(inputTokens, keptContexts(result, t - 1),
                stages, options.nextTokenVocab());
        contexts.unpersist(false);
        if (beforeCap != null) beforeCap.unpersist(false);
        phases.done("assembly");

        List<String> hashes;
        try {
            hashes = hashJob.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            UserError u = SparkDatasetBuild.userError(e);
            throw u != null ? new UserError(u.getMessage(), e) : new IllegalStateException(e.getCause());
        }
        phases.done("input sha256");
        List<CorpusCounter.InputFile> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            inputs.add(new CorpusCounter.InputFile(files.get(i).given(), files.get(i).bytes(), hashes.get(i)));
        }
        ObjectNode prov = CorpusDatasetBuilder.provenance(prepared, options, inputs, assembled.stages());
        return new CorpusDatasetBuilder.Built(assembled, prov, prepared);
    }

    /** The kept contexts, numbered by first occurrence (sorted by first position), as the assembler takes them. */
    static KeptContexts keptContexts(List<Tuple2<IntTuple, ContextAgg>> kept, int width) {
        List<Tuple2<IntTuple, ContextAgg>> ctx = new ArrayList<>(kept);
        ctx.sort((a, b) -> TextPosition.compare(a._2().hi, a._2().lo, b._2().hi, b._2().lo));
        int m = ctx.size();
        int[] start = new int[m + 1];
        for (int j = 0; j < m; j++) start[j + 1] = start[j] + ctx.get(j)._2().support();
        int[] next = new int[start[m]];
        long[] counts = new long[start[m]];
        int[] keys = new int[m * width];
        for (int j = 0; j < m; j++) {
            ContextAgg a = ctx.get(j)._2();
            System.arraycopy(a.next, 0, next, start[j], a.next.length);
            System.arraycopy(a.counts, 0, counts, start[j], a.counts.length);
            IntTuple key = ctx.get(j)._1();
            for (int i = 0; i < width; i++) keys[j * width + i] = key.get(i);
        }
        return new KeptContexts(width, keys, start, next, counts);
    }

    /** Larger total first; ties: earlier first occurrence (the order of {@code --max-contexts}). */
    static final class MostFrequentFirst implements Comparator<Tuple2<IntTuple, ContextAgg>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<IntTuple, ContextAgg> x, Tuple2<IntTuple, ContextAgg> y) {
            ContextAgg a = x._2();
            ContextAgg b = y._2();
            if (a.total() != b.total()) return Long.compare(b.total(), a.total());
            return TextPosition.compare(a.hi, a.lo, b.hi, b.lo);
        }
    }

    static List<InputFile> resolve(List<String> corpus, Configuration conf) {
        if (corpus == null || corpus.isEmpty()) throw new UserError("no corpus file given (--corpus FILE...)");
        if (corpus.size() > TextPosition.MAX_FILES) throw new UserError("too many corpus files (at most " + TextPosition.MAX_FILES + ")");
        List<InputFile> out = new ArrayList<>();
        for (String s : corpus) {
            try {
                Path p = new Path(s);
                FileSystem fs = p.getFileSystem(conf);
                FileStatus st = fs.getFileStatus(p);
                if (!st.isFile()) throw new UserError("corpus is not a regular file: " + s);
                if (st.getLen() >= TextPosition.MAX_FILE_BYTES) throw new UserError("corpus file too large (at most 1 TiB): " + s);
                out.add(new InputFile(s, fs.makeQualified(p).toUri().toString(), st.getLen()));
            } catch (FileNotFoundException e) {
                throw new UserError("corpus file not found: " + s);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("cannot read corpus file " + s + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Byte ranges of {@code splitBytes} per file, each preferring the hosts that store it. */
    static JavaRDD<CorpusSplit> splits(JavaSparkContext sc, List<InputFile> files, long splitBytes, Configuration conf) {
        List<Tuple2<CorpusSplit, scala.collection.immutable.Seq<String>>> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InputFile f = files.get(i);
            BlockLocation[] blocks = new BlockLocation[0];
            try {
                Path p = new Path(f.uri());
                FileSystem fs = p.getFileSystem(conf);
                blocks = fs.getFileBlockLocations(fs.getFileStatus(p), 0, f.bytes());
            } catch (IOException e) {
                // locality is an optimisation only
            }
            for (long s = 0; s < f.bytes(); s += splitBytes) {
                long e = Math.min(f.bytes(), s + splitBytes);
                List<String> hosts = new ArrayList<>();
                for (BlockLocation b : blocks) {
                    if (b.getOffset() <= s && s < b.getOffset() + b.getLength()) {
                        try {
                            hosts.addAll(List.of(b.getHosts()));
                        } catch (IOException ignored) {
                            // no locality
                        }
                    }
                }
                parts.add(new Tuple2<>(new CorpusSplit(i, f.given(), f.uri(), s, e, f.bytes()),
                        scala.jdk.javaapi.CollectionConverters.asScala(hosts).toList()));
            }
        }
        if (parts.isEmpty()) return sc.emptyRDD();
        return sc.sc().makeRDD(scala.jdk.javaapi.CollectionConverters.asScala(parts).toSeq(),
                ClassTag$.MODULE$.apply(CorpusSplit.class)).toJavaRDD();
    }

    /** sha256 of every file, one task per file (hex, in the order given). */
    static org.apache.spark.api.java.JavaFutureAction<List<String>> sha256(JavaSparkContext sc, List<InputFile> files,
                                                                          Broadcast<HadoopConf> hadoop) {
        return sc.parallelize(files, Math.max(1, files.size())).map(f -> {
            Path p = new Path(f.uri());
            try (InputStream in = p.getFileSystem(hadoop.value().get()).open(p)) {
                return DatasetFiles.sha256(in);
            } catch (IOException e) {
                throw new UserError("cannot read corpus file " + f.given() + ": " + e.getMessage(), e);
            }
        }).collectAsync();
    }
}
