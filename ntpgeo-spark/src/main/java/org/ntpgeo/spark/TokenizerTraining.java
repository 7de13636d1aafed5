package org.ntpgeo.spark;

import org.ntpgeo.common.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.Tokenizers;

/**
 * Prepares the tokenizer on the driver. Rule-based tokenizers need no training. {@code bpe} is trained by the
 * single-machine trainer ({@link Tokenizers#prepare}): on the full input when every file is on the driver's
 * local file system and the input is at most {@code sampleBytes} (then the tokenizer, and so the dataset, equals
 * that of {@code ntpgeo data build}); otherwise on a sample, the leading {@code sampleBytes / files} bytes of
 * every file cut at a document boundary, copied to a local temporary directory. Encoding is then distributed.
 */
final class TokenizerTraining {
    static final long DEFAULT_SAMPLE_BYTES = 256L << 20;

    private TokenizerTraining() {}

    static Tokenizers.Prepared prepare(BuildOptions options, List<SparkDatasetBuilder.InputFile> files,
                                       Configuration conf, long sampleBytes) {
        if (!"bpe".equals(options.tokenizer())) return Tokenizers.prepare(options, List.of(), ProgressListener.NONE);
        long total = files.stream().mapToLong(SparkDatasetBuilder.InputFile::bytes).sum();
        boolean local = files.stream().allMatch(f -> URI.create(f.uri()).getScheme().equals("file"));
        if (local && total <= sampleBytes) {
            List<Path> paths = new ArrayList<>();
            for (SparkDatasetBuilder.InputFile f : files) {
                paths.add(f.given().startsWith("file:") ? Path.of(URI.create(f.uri())) : Path.of(f.given()));
            }
            return Tokenizers.prepare(options, paths, ProgressListener.NONE);
        }
        return Tokenizers.prepare(options, sample(files, conf, options, Math.max(1, sampleBytes / files.size())), ProgressListener.NONE);
    }

    private static List<Path> sample(List<SparkDatasetBuilder.InputFile> files, Configuration conf,
                                     BuildOptions options, long perFile) {
        try {
            Path dir = Files.createTempDirectory("ntpgeo-bpe-sample");
            dir.toFile().deleteOnExit();
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                SparkDatasetBuilder.InputFile f = files.get(i);
                int n = (int) Math.min(Integer.MAX_VALUE - 16, Math.min(perFile, f.bytes()));
                byte[] b = new byte[n];
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.uri());
                try (InputStream in = p.getFileSystem(conf).open(p)) {
                    int got = in.readNBytes(b, 0, n);
                    int cut = got < f.bytes() ? options.documents().lastCut(b, 0, got) : got;
                    b = Arrays.copyOf(b, cut > 0 ? cut : got);
                }
                Path s = dir.resolve("sample-" + i + ".txt");
                Files.write(s, b);
                s.toFile().deleteOnExit();
                out.add(s);
            }
            return out;
        } catch (IOException e) {
            throw new UserError("cannot sample the corpus for bpe training: " + e.getMessage(), e);
        }
    }
}
