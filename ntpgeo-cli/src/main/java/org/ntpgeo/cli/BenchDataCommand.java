package org.ntpgeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.bench.DataBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Throughput of 'data build' (whitespace and word tokenizers, T=6, sliding, line documents) versus a",
                "plain one-thread Java baseline (HashMap<String, HashMap<String,Integer>>) measured in the same process."},
        footer = {"", "Example:", "  ntpgeo bench data --corpus /tmp/tinystories-100MB.txt --repeat 3"})
public final class BenchDataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "UTF-8 text (lines are documents).")
    Path corpus;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Repetitions; the best time counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--tokenizers", split = ",", defaultValue = "whitespace,word", paramLabel = "LIST", description = "Tokenizers to measure (default: ${DEFAULT-VALUE}).")
    List<String> tokenizers;

    @Option(names = {"-T", "--context-length"}, defaultValue = "6", paramLabel = "T", description = "Context length (default: ${DEFAULT-VALUE}).")
    int contextLength;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of the builder (default: all cores).")
    Integer threads;

    @Option(names = "--no-baseline", description = "Measure only the builder.")
    boolean noBaseline;

    @Override
    public Integer call() {
        if (repeat < 1) throw new org.ntpgeo.common.UserError("--repeat must be >= 1");
        int th = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        spec.commandLine().getOut().printf(Locale.ROOT, "corpus %s, T=%d sliding, line documents, best of %d, %d builder threads, %d cores%n",
                corpus, contextLength, repeat, th, Runtime.getRuntime().availableProcessors());
        spec.commandLine().getOut().printf(Locale.ROOT, "load average before: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        spec.commandLine().getOut().printf(Locale.ROOT, "%-11s %8s %13s %14s %7s %17s %18s  %s%n", "tokenizer", "MB", "builder MB/s", "baseline MB/s",
                "ratio", "builder MB/cpu-s", "baseline MB/cpu-s", "check");
        for (String tok : tokenizers) {
            org.ntpgeo.data.Tokenizers.simple(tok);
            DataBenchmark.Result r = DataBenchmark.run(corpus, tok, contextLength, repeat, th, noBaseline);
            String check = noBaseline ? "m=" + r.builderM() + " n=" + r.builderN()
                    : (r.agree() ? "same m=" + r.builderM() + " n=" + r.builderN()
                    : "DIFFERENT: builder m=" + r.builderM() + " n=" + r.builderN() + ", baseline m=" + r.baselineM() + " n=" + r.baselineN());
            spec.commandLine().getOut().printf(Locale.ROOT, "%-11s %8.1f %13.1f %14.1f %7s %17.1f %18.1f  %s%n", tok, r.bytes() / 1e6, r.builderMBps(),
                    r.baselineMBps(), noBaseline ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    r.builderMBperCpuSecond(), r.baselineMBperCpuSecond(), check);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "load average after: %.2f (wall-clock MB/s drop when other processes share the cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }
}
