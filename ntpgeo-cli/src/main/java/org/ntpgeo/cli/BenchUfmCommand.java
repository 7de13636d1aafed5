package org.ntpgeo.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.bench.UfmBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ufm", mixinStandardHelpOptions = true,
        description = {"Seconds per full-batch UFM epoch (3 dgemms + softmax pass) and achieved GFLOP/s versus the dgemm peak",
                "measured in the same process, and the step's three products as fixed blocks (what training runs) versus one",
                "multithreaded OpenBLAS call each. bench/ufm_torch.py runs the same epoch in PyTorch and prints the ratio."})
public final class BenchUfmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ";", defaultValue = "104x404x128;1000x20000x256",
            description = "VxMxD sizes separated by ';' (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--epochs", defaultValue = "0", description = "Timed epochs per size (0 = automatic: 50 small, 5 large).")
    int epochs;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print JSON (for bench/ufm_torch.py) instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        double peak1 = UfmBenchmark.dgemmPeak(2000, 10, 1);
        double peak = t == 1 ? peak1 : UfmBenchmark.dgemmPeak(2000, 10, t);
        List<UfmBenchmark.Timing> out = new ArrayList<>();
        List<UfmBenchmark.ProductTiming> products = new ArrayList<>();
        for (String s : sizes) {
            String[] p = s.trim().toLowerCase(Locale.ROOT).split("x");
            if (p.length != 3) throw new UserError("bad size '" + s + "': use VxMxD, e.g. 104x404x128");
            int v, m, d;
            try {
                v = Integer.parseInt(p[0]);
                m = Integer.parseInt(p[1]);
                d = Integer.parseInt(p[2]);
            } catch (NumberFormatException e) {
                throw new UserError("bad size '" + s + "': use VxMxD, e.g. 104x404x128");
            }
            long work = (long) v * m * d;
            int n = epochs > 0 ? epochs : work > 100_000_000L ? 5 : 50;
            out.add(UfmBenchmark.time(v, m, d, Math.max(2, n / 5), n, t));
            products.add(UfmBenchmark.compareProducts(v, m, d, t, n));
        }
        if (json) {
            ObjectNode o = Json.object();
            o.put("dgemm_peak_gflops", peak);
            o.put("dgemm_peak_gflops_1_thread", peak1);
            o.put("threads", t);
            o.put("blas", NativeBlas.config());
            ArrayNode a = o.putArray("sizes");
            for (UfmBenchmark.Timing x : out) {
                ObjectNode j = x.toJson();
                j.put("percent_of_peak", 100 * x.gflops() / (x.threads() == 1 ? peak1 : peak));
                a.add(j);
            }
            ArrayNode pa = o.putArray("products");
            for (UfmBenchmark.ProductTiming x : products) pa.add(x.toJson());
            spec.commandLine().getOut().print(Json.toString(o));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s%ndgemm 2000^3 peak: %.1f GFLOP/s with 1 thread, %.1f with %d%n", NativeBlas.config(), peak1,
                    peak, t);
            spec.commandLine().getOut().printf(Locale.ROOT, "%6s %7s %5s %8s %14s %10s %8s%n", "V", "m", "d", "threads", "s/epoch", "GFLOP/s", "of peak");
            for (UfmBenchmark.Timing x : out) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%6d %7d %5d %8d %14.6f %10.2f %7.0f%%%n", x.vocab(), x.contexts(), x.dim(), x.threads(),
                        x.secondsPerEpoch(), x.gflops(), 100 * x.gflops() / (x.threads() == 1 ? peak1 : peak));
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%nthe three products of a step, median s: fixed blocks (training; any thread count gives the same bits)"
                    + " vs one OpenBLAS call per product with %d OpenBLAS threads%n", t);
            spec.commandLine().getOut().printf(Locale.ROOT, "%6s %7s %5s %8s %14s %14s %8s%n", "V", "m", "d", "threads", "fixed blocks", "one call", "ratio");
            for (UfmBenchmark.ProductTiming x : products) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%6d %7d %5d %8d %14.6f %14.6f %8.2f%n", x.vocab(), x.contexts(), x.dim(), x.threads(),
                        x.fixedBlockSeconds(), x.openBlasSeconds(), x.ratio());
            }
        }
        return 0;
    }
}
