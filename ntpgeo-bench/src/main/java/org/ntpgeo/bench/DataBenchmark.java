package org.ntpgeo.bench;

import org.ntpgeo.common.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusCounter;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.Tokenizer;
import org.ntpgeo.data.Tokenizers;

/**
 * {@code ntpgeo bench data}: throughput of the dataset builder (counting and assembly, no file writing) against a
 * plain one-thread Java baseline that reads lines and counts in {@code HashMap<String, HashMap<String, Integer>>}
 * with contexts joined into strings. Both use the same tokenizer rule, so their m and n must agree.
 */
public final class DataBenchmark {
    private DataBenchmark() {}

    /** One measurement: best wall time of each side over the repeats, and what each side counted. */
    public record Result(String tokenizer, long bytes, double builderSeconds, double baselineSeconds, int builderM,
                         long builderN, int baselineM, long baselineN, int threads, double builderCpuSeconds,
                         double baselineCpuSeconds) {
        /** MB per CPU-second of the builder (all threads): what the machine's load cannot hide. */
        public double builderMBperCpuSecond() {
            return bytes / 1e6 / builderCpuSeconds;
        }

        public double baselineMBperCpuSecond() {
            return bytes / 1e6 / baselineCpuSeconds;
        }

        public double builderMBps() {
            return bytes / 1e6 / builderSeconds;
        }

        public double baselineMBps() {
            return bytes / 1e6 / baselineSeconds;
        }

        public double speedup() {
            return baselineSeconds / builderSeconds;
        }

        public boolean agree() {
            return builderM == baselineM && builderN == baselineN;
        }
    }

    public static Result run(Path corpus, String tokenizer, int contextLength, int repeat, int threads, boolean skipBaseline) {
        CorpusCounter.checkReadable(List.of(corpus));
        long bytes;
        try {
            bytes = Files.size(corpus);
        } catch (IOException e) {
            throw new UserError("cannot read " + corpus + ": " + e.getMessage());
        }
        BuildOptions options = BuildOptions.defaults(contextLength).withTokenizer(tokenizer);
        double best = Double.MAX_VALUE;
        double cpu = Double.NaN;
        NtpDataset ds = null;
        for (int r = 0; r < repeat; r++) {
            long c0 = Machine.processCpuNanos();
            long t0 = System.nanoTime();
            ds = CorpusDatasetBuilder.build(List.of(corpus), options, threads, ProgressListener.NONE).dataset();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (wall < best) {
                best = wall;
                cpu = (Machine.processCpuNanos() - c0) / 1e9;
            }
        }
        double bestBase = Double.NaN;
        double cpuBase = Double.NaN;
        int[] baseM = {-1};
        long[] baseN = {-1};
        if (!skipBaseline) {
            bestBase = Double.MAX_VALUE;
            for (int r = 0; r < repeat; r++) {
                long c0 = Machine.processCpuNanos();
                long t0 = System.nanoTime();
                baseline(corpus, Tokenizers.simple(tokenizer), contextLength, baseM, baseN);
                double wall = (System.nanoTime() - t0) / 1e9;
                if (wall < bestBase) {
                    bestBase = wall;
                    cpuBase = (Machine.processCpuNanos() - c0) / 1e9;
                }
            }
        }
        return new Result(tokenizer, bytes, best, bestBase, ds.contextCount(), ds.pairCount(), baseM[0], baseN[0], threads,
                cpu, cpuBase);
    }
    /** The naive reference: lines as documents, sliding windows, string keys. */
    static void baseline(Path corpus, Tokenizer tokenizer, int t, int[] mOut, long[] nOut) {
        HashMap<String, HashMap<String, Integer>> counts = new HashMap<>();
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                List<String> tok = tokenizer.tokenize(line);
                for (int i = 0; i + t <= tok.size(); i++) {
                    String context = String.join(" ", tok.subList(i, i + t - 1));
                    counts.computeIfAbsent(context, k -> new HashMap<>()).merge(tok.get(i + t - 1), 1, Integer::sum);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mOut[0] = counts.size();
        nOut[0] = n;
    }
}
