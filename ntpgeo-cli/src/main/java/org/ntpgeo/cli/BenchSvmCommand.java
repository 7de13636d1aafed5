package org.ntpgeo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SyntheticClasses;
import org.ntpgeo.data.SyntheticDatasets.Range;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.CsvWriter;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.linalg.BlockPool;
import org.ntpgeo.linalg.GramSvd;
import org.ntpgeo.linalg.GramWorkspace;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.bench.Machine;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.theory.NtpSvmSolver;
import org.ntpgeo.theory.SupportPatterns;
import org.ntpgeo.theory.SvmFormulation;
import org.ntpgeo.theory.SvmOptions;
import org.ntpgeo.theory.SvmSolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "svm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the NTP-SVM* solver: the support-class formulation (the default of 'solve svm') against the",
                "full one-column-per-context formulation (the original solver) as the in-process baseline where V*m is at most",
                "--baseline-max-entries, and CVXOPT (bench/svm_cvxopt.py, /usr/bin/python3) where V*m is tiny.",
                "Cases: random supports (--sizes, sizes uniform in 1..8, nearly every support distinct: C ~ m), synthetic",
                "support classes (--classes, Zipf class sizes, supports 1..8), and datasets on disk (--data).",
                "Prints and optionally writes a CSV: seconds, CPU, iterations, SVD share, one SVT of the V x C matrix, gap,",
                "peak RSS so far, and the baseline's time and nuclear norm."},
        footer = {"", "The issue-12 targets (see docs/BENCHMARKS.md; bench/svm_scale.sh times them as whole processes):",
                "  ntpgeo bench svm --sizes 1000x20000",
                "  ntpgeo bench svm --sizes '' --classes 160x1500000x30000",
                "  ntpgeo bench svm --sizes '' --data DIR_OF_THE_TINYSTORIES_SAMPLE_DATASET"})
public final class BenchSvmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", defaultValue = "8x20,12x40,20x60,104x404",
            description = "Comma list of VxM random-support sizes (default ${DEFAULT-VALUE}); '' for none.")
    String sizes;

    @Option(names = "--classes", defaultValue = "",
            description = "Comma list of VxMxC synthetic support-class sets (C supports of size 1..8, Zipf class sizes), e.g. 160x1500000x30000.")
    String classes;

    @Option(names = "--data", split = ",", description = "Dataset directories (e.g. built by 'ntpgeo data build').")
    List<Path> data = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic sets.")
    long seed;

    @Option(names = "--baseline-max-entries", defaultValue = "40000000",
            description = "Also run the full formulation when V*m <= this (default ${DEFAULT-VALUE}; it holds ~6 V x m matrices).")
    long baselineMaxEntries;

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

    private final List<List<?>> rows = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println("# " + NativeBlas.config() + "; load average " + Machine.loadAverages());
        spec.commandLine().getOut().printf(Locale.ROOT, "%-22s %5s %8s %7s %-7s %8s %8s %6s %5s %7s %9s %-17s %5s %16s %7s %8s %9s %10s%n", "case", "V", "m", "C",
                "form", "seconds", "cpu_sec", "iters", "svd%", "svt_ms", "gap", "method", "rank", "nuclear", "rss_mb", "speedup", "rel_diff",
                "cvx_diff");
        // warm-up (JIT, native libraries) so that the first case is not charged for it
        NtpDataset warm = SupportPatterns.random(40, 400, 1, 8, seed);
        for (SvmFormulation f : SvmFormulation.values()) NtpSvmSolver.solve(warm, SvmOptions.defaults().withFormulation(f));
        for (String spec : list(sizes)) {
            int[] vm = parse(spec, 2, "--sizes", "104x404");
            run("random " + spec, SupportPatterns.random(vm[0], vm[1], 1, 8, seed));
        }
        for (String spec : list(classes)) {
            int[] vmc = parse(spec, 3, "--classes", "160x1500000x30000");
            run("classes " + spec, SyntheticClasses.generate(vmc[0], vmc[1], vmc[2], new Range(1, Math.min(8, vmc[0] - 1)),
                    new Range(1, 4), 1.0, seed).dataset());
        }
        for (Path d : data) run(d.getFileName().toString(), DatasetFiles.read(d));
        if (csv != null) {
            CsvWriter.writeAll(csv, List.of("case", "V", "m", "classes", "formulation", "seconds", "cpu_seconds", "iterations", "svd_seconds",
                    "svt_ms", "relative_gap", "converged", "method", "rank", "nuclear_norm", "peak_rss_mb", "baseline_speedup",
                    "baseline_rel_nuclear_diff", "cvxopt_seconds", "cvxopt_rel_nuclear_diff", "cvxopt_max_abs_diff", "load_average"), rows);
        }
        return 0;
    }

    private void run(String name, NtpDataset ds) throws Exception {
        SvmOptions o = SvmOptions.defaults().withMaxIterations(maxIterations).withVerbose(verbose).withProgress(new TerminalProgress(spec.commandLine().getErr(), false));
        long v = ds.vocabSize(), m = ds.contextCount();
        Result cls = timed(ds, o.withFormulation(SvmFormulation.CLASSES));
        double svtMs = svtMillis(cls.solution);
        Result full = v * m <= baselineMaxEntries ? timed(ds, o.withFormulation(SvmFormulation.FULL)) : null;
        double cvxSec = Double.NaN, cvxRel = Double.NaN, cvxDiff = Double.NaN;
        if (v * m <= cvxoptMaxEntries) {
            JsonNode ref = runCvxopt(ds);
            if (ref != null && ref.has("nuclear_norm")) {
                cvxSec = ref.get("seconds").asDouble();
                cvxRel = (cls.solution.nuclearNorm() - ref.get("nuclear_norm").asDouble()) / ref.get("nuclear_norm").asDouble();
                cvxDiff = ref.get("max_abs_diff").asDouble();
            }
        }
        double speedup = full == null ? Double.NaN : full.solution.seconds() / cls.solution.seconds();
        double relDiff = full == null ? Double.NaN : (cls.solution.nuclearNorm() - full.solution.nuclearNorm()) / full.solution.nuclearNorm();
        print(name, cls, svtMs, speedup, relDiff, cvxDiff);
        row(name, cls, svtMs, speedup, relDiff, cvxSec, cvxRel, cvxDiff);
        if (full != null) {
            print(name, full, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            row(name, full, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private record Result(SvmSolution solution, double cpuSeconds, long peakRssMb) {}

    private static Result timed(NtpDataset ds, SvmOptions o) {
        long cpu0 = Machine.processCpuNanos();
        SvmSolution s = NtpSvmSolver.solve(ds, o);
        return new Result(s, (Machine.processCpuNanos() - cpu0) / 1e9, Machine.peakRssMb());
    }

    /**
     * Median wall time of one Gram-based singular value thresholding of the V x C class-level matrix at a threshold
     * that keeps half of the spectrum (the X-step of one ADMM iteration, as the solver runs it: off-heap workspace,
     * fixed blocks on parallel threads with one OpenBLAS thread).
     */
    private static double svtMillis(SvmSolution s) {
        Matrix y = s.weightedClassLmm();
        if (y.rows == 0 || y.cols == 0 || s.rank() == 0) return Double.NaN;
        double[] sv = GramSvd.singularValues(y);
        double tau = sv[Math.max(0, s.rank() / 2)];
        Matrix out = new Matrix(y.rows, y.cols);
        double[] t = new double[5];
        try (BlockPool pool = new BlockPool(Runtime.getRuntime().availableProcessors());
             GramWorkspace ws = new GramWorkspace(y.rows, y.cols, pool)) { // one OpenBLAS thread while open, as in the solver
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                GramSvd.threshold(y, tau, out, ws);
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private void print(String name, Result r, double svtMs, double speedup, double relDiff, double cvxDiff) {
        SvmSolution s = r.solution;
        spec.commandLine().getOut().printf(Locale.ROOT, "%-22s %5d %8d %7d %-7s %8.3f %8.3f %6d %4.0f%% %7.2f %9.2e %-17s %5d %16.8f %7d %8.2f %9.1e %10.2e%n",
                name, s.vocabSize(), s.contextCount(), s.classCount(), s.formulation(), s.seconds(), r.cpuSeconds, s.iterations(),
                100 * s.svdSeconds() / Math.max(1e-12, s.seconds()), svtMs, s.relativeDualityGap(), s.method(), s.rank(), s.nuclearNorm(),
                r.peakRssMb, speedup, relDiff, cvxDiff);
    }

    private void row(String name, Result r, double svtMs, double speedup, double relDiff, double cvxSec, double cvxRel, double cvxDiff) {
        SvmSolution s = r.solution;
        rows.add(List.of(name, s.vocabSize(), s.contextCount(), s.classCount(), s.formulation().id(), s.seconds(), r.cpuSeconds,
                s.iterations(), s.svdSeconds(), svtMs, s.relativeDualityGap(), s.converged(), s.method().id(), s.rank(), s.nuclearNorm(),
                r.peakRssMb, speedup, relDiff, cvxSec, cvxRel, cvxDiff, String.format(Locale.ROOT, "%.2f", Machine.loadAverage())));
    }

    private static List<String> list(String csvList) {
        List<String> out = new ArrayList<>();
        for (String s : csvList.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static int[] parse(String spec, int parts, String option, String example) {
        String[] p = spec.toLowerCase(Locale.ROOT).split("x");
        if (p.length != parts) throw new UserError(option + " entries must look like " + example + ", got '" + spec + "'");
        int[] out = new int[parts];
        try {
            for (int i = 0; i < parts; i++) out[i] = Integer.parseInt(p[i].trim());
        } catch (NumberFormatException e) {
            throw new UserError(option + " entries must look like " + example + ", got '" + spec + "'");
        }
        for (int x : out) if (x < 1) throw new UserError(option + " entries must be positive, got '" + spec + "'");
        return out;
    }

    private JsonNode runCvxopt(NtpDataset ds) throws Exception {
        if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
            spec.commandLine().getErr().println("bench: CVXOPT comparison skipped (no " + python + " or " + script + ")");
            return null;
        }
        Path tmp = Files.createTempDirectory("ntpgeo-bench-svm");
        try {
            Path dataDir = Files.createDirectories(tmp.resolve("data"));
            DatasetFiles.write(dataDir, ds, null);
            Process p = new ProcessBuilder(python.toString(), script.toString(), "--data", dataDir.toString(), "--out",
                    tmp.resolve("out").toString(), "--max-entries", String.valueOf(cvxoptMaxEntries)).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                spec.commandLine().getErr().println("bench: CVXOPT did not solve this instance: " + log.trim());
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
}
