package org.ntpgeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SupportPatterns;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "svm", mixinStandardHelpOptions = true, description = {"Benchmark the NTP-SVM* solver on random supports, beside CVXOPT where V*m is small.",
        "Support sizes are uniform in 1..8; CVXOPT runs through bench/svm_cvxopt.py with /usr/bin/python3.",
        "Prints and optionally writes a CSV: V, m, seconds, iterations, SVD share, gap, and the CVXOPT comparison."})
public final class BenchSvmCommand implements Callable<Integer> {
    @Option(names = "--sizes", defaultValue = "8x20,12x40,20x60,104x404",
            description = "Comma list of VxM sizes (default ${DEFAULT-VALUE}); e.g. 1000x20000 for the large target.")
    String sizes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random supports.")
    long seed;

    @Option(names = "--cvxopt-max-entries", defaultValue = "1000",
            description = "Run CVXOPT only when V*m <= this (default ${DEFAULT-VALUE}); 0 disables it.")
    int cvxoptMaxEntries;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with cvxopt (default ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--script", defaultValue = "bench/svm_cvxopt.py", description = "The CVXOPT reference script.")
    Path script;

    @Option(names = "--max-iterations", defaultValue = "20000")
    int maxIterations;

    @Option(names = "--csv", description = "Also write the table to this CSV file.")
    Path csv;

    @Option(names = {"-v", "--verbose"}, description = "Print the solver's convergence trace.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<List<?>> rows = new ArrayList<>();
        System.out.println("# " + NativeBlas.config() + "; load average " + loadAverage());
        System.out.printf(Locale.ROOT, "%6s %7s %9s %9s %6s %6s %9s %10s %7s %14s %9s %10s %10s%n", "V", "m", "seconds", "cpu_sec", "iters",
                "svd%", "gap", "method", "rank", "nuclear", "cvx_sec", "cvx_relnuc", "cvx_maxdiff");
        for (String spec : sizes.split(",")) {
            String[] vm = spec.trim().toLowerCase(Locale.ROOT).split("x");
            if (vm.length != 2) throw new UserError("--sizes entries must look like 104x404, got '" + spec + "'");
            int v, m;
            try {
                v = Integer.parseInt(vm[0]);
                m = Integer.parseInt(vm[1]);
            } catch (NumberFormatException e) {
                throw new UserError("--sizes entries must look like 104x404, got '" + spec + "'");
            }
            NtpDataset ds = SupportPatterns.random(v, m, 1, 8, seed);
            Runtime rt = Runtime.getRuntime();
            long cpu0 = processCpuNanos();
            SvmSolution s = NtpSvmSolver.solve(ds, SvmOptions.defaults().withMaxIterations(maxIterations).withVerbose(verbose));
            double cpuSec = (processCpuNanos() - cpu0) / 1e9;
            long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            double cvxSec = Double.NaN, cvxRel = Double.NaN, cvxDiff = Double.NaN;
            if ((long) v * m <= cvxoptMaxEntries) {
                JsonNode ref = runCvxopt(ds);
                if (ref != null && ref.has("nuclear_norm")) {
                    cvxSec = ref.get("seconds").asDouble();
                    cvxRel = (s.nuclearNorm() - ref.get("nuclear_norm").asDouble()) / ref.get("nuclear_norm").asDouble();
                    cvxDiff = ref.get("max_abs_diff").asDouble();
                }
            }
            System.out.printf(Locale.ROOT, "%6d %7d %9.3f %9.3f %6d %5.0f%% %9.2e %10s %7d %14.8f %9.3f %10.2e %10.2e%n", v, m, s.seconds(), cpuSec,
                    s.iterations(), 100 * s.svdSeconds() / Math.max(1e-12, s.seconds()), s.relativeDualityGap(), s.method(),
                    s.rank(), s.nuclearNorm(), cvxSec, cvxRel, cvxDiff);
            rows.add(List.of(v, m, seed, s.seconds(), cpuSec, s.iterations(), s.svdSeconds(), s.relativeDualityGap(), s.converged(),
                    s.method(), s.rank(), s.nuclearNorm(), usedMb, cvxSec, cvxRel, cvxDiff, loadAverage()));
        }
        if (csv != null) {
            CsvWriter.writeAll(csv, List.of("V", "m", "seed", "seconds", "cpu_seconds", "iterations", "svd_seconds", "relative_gap", "converged",
                    "method", "rank", "nuclear_norm", "heap_used_mb", "cvxopt_seconds", "cvxopt_rel_nuclear_diff",
                    "cvxopt_max_abs_diff", "load_average"), rows);
        }
        return 0;
    }

    private JsonNode runCvxopt(NtpDataset ds) throws Exception {
        if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
            System.err.println("bench: CVXOPT comparison skipped (no " + python + " or " + script + ")");
            return null;
        }
        Path tmp = Files.createTempDirectory("ntpgeo-bench-svm");
        try {
            Path data = Files.createDirectories(tmp.resolve("data"));
            DatasetFiles.write(data, ds, null);
            Process p = new ProcessBuilder(python.toString(), script.toString(), "--data", data.toString(), "--out",
                    tmp.resolve("out").toString(), "--max-entries", String.valueOf(cvxoptMaxEntries)).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("bench: CVXOPT did not solve this instance: " + log.trim());
                return null;
            }
            var ref = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(tmp.resolve("out").resolve("cvxopt.json"));
            NdArray a = Npy.read(tmp.resolve("out").resolve("lmm_cvxopt.npy"));
            Matrix lRef = new Matrix((int) a.shape()[0], (int) a.shape()[1], a.asColumnMajor());
            SvmSolution tight = NtpSvmSolver.solve(ds, SvmOptions.defaults().withGapTolerance(1e-9));
            ref.put("max_abs_diff", tight.lmm().minus(lRef).maxAbs());
            return ref;
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** CPU time of this process (all threads, including OpenBLAS's), or -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
