package org.ntpgeo.cli;

import org.ntpgeo.bench.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.RunAnalysis;
import org.ntpgeo.geometry.RunReader;
import org.ntpgeo.bench.SyntheticRun;
import org.ntpgeo.geometry.TheoryReference;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.report.AnalysisReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Time 'analyze' (metrics + report) on a synthetic run of the given size and report peak heap.",
                "L_mm is replaced by S~ (no solver time is measured); the checkpoints are random factors of growing scale."},
        footer = {"", "Examples:", "  ./ntpgeo bench analyze --vocab 104 --contexts 404 --checkpoints 50",
                "  JAVA_OPTS=-Xmx3g ./ntpgeo bench analyze --vocab 1000 --contexts 20000 --checkpoints 3"})
public final class BenchAnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vocab", defaultValue = "104") int vocab;
    @Option(names = "--contexts", defaultValue = "404") int contexts;
    @Option(names = "--dim", defaultValue = "128") int dim;
    @Option(names = "--checkpoints", defaultValue = "50") int checkpoints;
    @Option(names = "--work", description = "Scratch directory (default: a temporary one, deleted afterwards).") Path work;

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? work : Files.createTempDirectory("ntpgeo-bench-analyze");
        try {
            NtpDataset ds = SyntheticRun.dataset(vocab, contexts, 1);
            long t0 = System.nanoTime();
            SyntheticRun.write(dir.resolve("data"), dir.resolve("run"), ds, dim, checkpoints, 2);
            long t1 = System.nanoTime();
            PeakHeap peak = PeakHeap.start();
            long cpu0 = Machine.processCpuNanos();
            TheoryReference ref = TheoryReference.of(ds, org.ntpgeo.geometry.ClassLevelMatrix.centeredSupport(ds), -1, "S~ (benchmark stand-in for L_mm)");
            long t2 = System.nanoTime();
            RunAnalysis a = RunAnalysis.analyze(RunReader.open(dir.resolve("run"), null), ds, ref, new TerminalProgress(spec.commandLine().getErr(), true));
            long t3 = System.nanoTime();
            AnalysisReport.write(a, dir.resolve("report"), true);
            long t4 = System.nanoTime();
            peak.stop();
            long cpu1 = Machine.processCpuNanos();
            spec.commandLine().getOut().printf(Locale.ROOT, "V=%d m=%d d=%d checkpoints=%d (support classes %d)%n", vocab, contexts, dim, checkpoints, ds.supportClassCount());
            spec.commandLine().getOut().printf(Locale.ROOT, "fixture %.2f s | references (L_in, S~, SVD) %.2f s | metrics %.2f s | report %.2f s | analyze total %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t4 - t1) / 1e9);
            spec.commandLine().getOut().printf(Locale.ROOT, "process CPU time during analyze %.2f s (all threads)%n", (cpu1 - cpu0) / 1e9);
            spec.commandLine().getOut().printf(Locale.ROOT, "peak heap used (sampled) %.0f MB of max %.0f MB; load average %s%n", peak.peakBytes / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            if (work == null) AtomicFiles.deleteTree(dir);
        }
        return 0;
    }
    /** Samples used heap every 20 ms on a daemon thread. */
    static final class PeakHeap {
        volatile long peakBytes;
        private volatile boolean running = true;

        static PeakHeap start() {
            PeakHeap p = new PeakHeap();
            Thread t = new Thread(() -> {
                Runtime rt = Runtime.getRuntime();
                while (p.running) {
                    p.peakBytes = Math.max(p.peakBytes, rt.totalMemory() - rt.freeMemory());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "peak-heap");
            t.setDaemon(true);
            t.start();
            return p;
        }

        void stop() {
            running = false;
        }
    }
}
