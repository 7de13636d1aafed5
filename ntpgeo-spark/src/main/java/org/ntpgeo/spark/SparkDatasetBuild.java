package org.ntpgeo.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DatasetSummary;
import org.ntpgeo.cli.BuildPipelineOptions;
import org.ntpgeo.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The Spark job's entry point: the options of {@code ntpgeo data build} plus Spark's master and split size. */
@Command(name = "ntpgeo-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build an NTP dataset (DIR/dataset.npz + DIR/dataset.json) on Apache Spark; same recipe and "
                + "byte-identical output as 'ntpgeo data build'. See docs/SPARK.md.",
        footer = {"", "Examples:",
                "  bin/ntpgeo-spark --master 'local[2]' --corpus stories.txt -T 6 --out ds",
                "  spark-submit --class org.ntpgeo.spark.SparkDatasetBuild ntpgeo-spark-job.jar \\",
                "      --corpus hdfs:///corpora/web/part-0.txt hdfs:///corpora/web/part-1.txt -T 6 --out ds"})
public final class SparkDatasetBuild implements Callable<Integer> {
    @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "URI", description = "UTF-8 text files (local paths or any Hadoop URI: hdfs://, s3a://, file:/...), read in the order given.")
    List<String> corpus;

    @Mixin
    BuildPipelineOptions recipe;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory on the driver's file system (must not exist unless --force).")
    Path out;

    @Option(names = "--force", description = "Replace an existing output directory.")
    boolean force;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--split-mb", paramLabel = "MB", description = "Input split size in MiB (default: input size / (2 x default parallelism), within 1..128).")
    Double splitMb;

    @Option(names = "--bpe-sample-mb", defaultValue = "256", paramLabel = "MB", description = "bpe: train on the whole input when it is local and at most this large (then the result equals 'ntpgeo data build'), else on a sample of this size (default: ${DEFAULT-VALUE}).")
    double bpeSampleMb;

    @Option(names = "--quiet", description = "Do not report the time of each Spark job on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        BuildOptions options = recipe.toBuildOptions();
        options.validate();
        CorpusDatasetBuilder.checkOutput(out, force);
        if (!(bpeSampleMb > 0)) throw new UserError("--bpe-sample-mb must be > 0, got " + bpeSampleMb);
        if (splitMb != null && !(splitMb > 0)) throw new UserError("--split-mb must be > 0, got " + splitMb);
        long splitBytes = splitMb == null ? 0 : Math.max(1, (long) (splitMb * (1 << 20)));
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = SparkContexts.start(master, "ntpgeo data build")) {
            CorpusDatasetBuilder.Built b = SparkDatasetBuilder.build(sc, corpus, options, splitBytes,
                    (long) (bpeSampleMb * (1 << 20)), !quiet);
            try (AtomicFiles.StagedDirectory dir = AtomicFiles.stageDirectory(out, force)) {
                CorpusDatasetBuilder.write(dir.path(), b);
                dir.commit();
            }
            System.out.printf(Locale.ROOT, "wrote %s: %s (%.1fs)%n", out, DatasetSummary.of(b.dataset()).headline(),
                    (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    /** The user error behind an exception (Spark wraps task failures), or null. */
    static UserError userError(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) if (c instanceof UserError u) return u;
        return null;
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkDatasetBuild());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            UserError u = userError(e);
            if (u == null) throw e;
            // option errors name library fields ({context_length}); this command's flags are "--" + the field with dashes
            String message = u instanceof OptionError o ? o.render(field -> "--" + field.replace('_', '-')) : u.getMessage();
            cmd.getErr().println("ntpgeo-spark: error: " + message);
            return 2;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
