package org.ntpgeo.spark;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.BuildOptions;
import org.ntpgeo.data.CorpusDatasetBuilder;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Windows;

/**
 * The Spark job in local[2] against the single-machine builder on real text: dataset.npz and dataset.json must
 * be byte-identical. Small splits (200-300 kB) force several partitions, so documents, tokens and contexts cross
 * partition boundaries.
 */
class SparkDatasetBuildTest {
    private static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        sc = SparkContexts.start("local[2]", "ntpgeo-spark-test");
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.close();
    }

    private static Path validation() {
        Path f = SharedData.tinyStories("validation-head.txt");
        assumeTrue(f != null, "../shared/data/tinystories/validation-head.txt not found");
        return f;
    }

    private void assertSameFiles(List<Path> corpus, BuildOptions options, long splitBytes) throws IOException {
        CorpusDatasetBuilder.Built local = CorpusDatasetBuilder.build(corpus, options, 2, ProgressListener.NONE);
        Path a = Files.createDirectories(tmp.resolve("local"));
        CorpusDatasetBuilder.write(a, local);
        CorpusDatasetBuilder.Built spark = SparkDatasetBuilder.build(sc, corpus.stream().map(Path::toString).toList(), options, splitBytes);
        Path b = Files.createDirectories(tmp.resolve("spark"));
        CorpusDatasetBuilder.write(b, spark);
        assertTrue(local.dataset().contextCount() > 0);
        assertEquals(Files.readString(a.resolve("dataset.json")), Files.readString(b.resolve("dataset.json")));
        assertArrayEquals(Files.readAllBytes(a.resolve("dataset.npz")), Files.readAllBytes(b.resolve("dataset.npz")),
                "dataset.npz differs");
        try (var files = Files.list(a)) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.getFileName() + " differs");
            }
        }
    }

    @Test
    void whitespaceLinesSlidingIsByteIdentical() throws IOException {
        assertSameFiles(List.of(validation()), BuildOptions.defaults(3).withTokenizer("whitespace"), 250_000);
    }

    @Test
    void unkDropIsByteIdentical() throws IOException {
        BuildOptions o = BuildOptions.defaults(4).withTokenizer("word").withDocuments(DocumentSplitter.BLANK_LINE)
                .withFilters(1, 2, null, 300, BuildOptions.NextTokenVocab.OBSERVED).withUnk(BuildOptions.Unk.DROP);
        assertSameFiles(List.of(validation()), o, 200_000);
    }

    @Test
    void wordBlankLineWithAllFiltersIsByteIdentical() throws IOException {
        BuildOptions o = BuildOptions.defaults(5).withTokenizer("word").withDocuments(DocumentSplitter.BLANK_LINE)
                .withFilters(2, 2, 300, 500, BuildOptions.NextTokenVocab.OBSERVED);
        assertSameFiles(List.of(validation()), o, 200_000);
    }

    @Test
    void firstWindowsWithVocabularyCapOverTwoFilesIsByteIdentical() throws IOException {
        Path f = validation();
        Path train = SharedData.tinyStories("train-first-1000.txt");
        List<Path> corpus = train == null ? List.of(f) : List.of(train, f);
        BuildOptions o = BuildOptions.defaults(3).withTokenizer("word").withWindows(Windows.FIRST)
                .withFilters(1, 1, null, 200, BuildOptions.NextTokenVocab.FULL);
        assertSameFiles(corpus, o, 300_000);
    }

    @Test
    void bpeTrainedOnTheDriverAndEncodedOnExecutorsIsByteIdentical() throws IOException {
        BuildOptions o = BuildOptions.defaults(4).withTokenizer("bpe").withBpeVocab(200).withDocuments(DocumentSplitter.BLANK_LINE)
                .withFilters(2, 1, null, null, BuildOptions.NextTokenVocab.FULL);
        assertSameFiles(List.of(validation()), o, 300_000);
    }

    @Test
    void oneDocumentPerFileStaysWhole() throws IOException {
        // no <|endoftext|> marker: the whole file is one document, so only the first split holds text
        Path f = tmp.resolve("eot.txt");
        Files.writeString(f, "a b c <|endoftext|> a b d\n\n a b c a b <|endoftext|><|endoftext|>x y a b c", StandardCharsets.UTF_8);
        BuildOptions o = BuildOptions.defaults(3).withTokenizer("whitespace").withDocuments(DocumentSplitter.EOT);
        assertSameFiles(List.of(f), o, 7);
    }

    /** Random small corpora, options and tiny splits (tens of bytes): same files, or the same one-line error. */
    @Test
    void randomCorporaAndOptionsMatchTheSingleMachineBuilder() throws IOException {
        java.util.Random r = new java.util.Random(7);
        String[] pieces = {"The", "cat", "sat", "on", "the", "mat", ".", ",", "Don't", "été", "😀", " ", " ", "  ", "\n",
                "\n\n", "\r\n", " \n \n", "<|endoftext|>", "\t"};
        String[] tokenizers = {"whitespace", "word", "char"};
        int compared = 0;
        for (int trial = 0; trial < 8; trial++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0, n = 200 + r.nextInt(600); i < n; i++) text.append(pieces[r.nextInt(pieces.length)]);
            Path f = Files.writeString(tmp.resolve("r" + trial + ".txt"), text, StandardCharsets.UTF_8);
            BuildOptions o = BuildOptions.defaults(2 + r.nextInt(4))
                    .withTokenizer(tokenizers[r.nextInt(tokenizers.length)])
                    .withDocuments(DocumentSplitter.values()[r.nextInt(3)])
                    .withWindows(r.nextInt(4) == 0 ? Windows.FIRST : Windows.SLIDING)
                    .withFilters(1 + r.nextInt(2), 1 + r.nextInt(2), r.nextBoolean() ? null : 1 + r.nextInt(30),
                            r.nextBoolean() ? null : 2 + r.nextInt(8),
                            r.nextBoolean() ? BuildOptions.NextTokenVocab.FULL : BuildOptions.NextTokenVocab.OBSERVED);
            long split = 10 + r.nextInt(200);
            String label = "trial " + trial + " " + o + " split " + split;
            UserError localError = null;
            try {
                CorpusDatasetBuilder.build(List.of(f), o, 2, ProgressListener.NONE);
            } catch (UserError e) {
                localError = e;
            }
            if (localError != null) {
                UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                        () -> SparkDatasetBuilder.build(sc, List.of(f.toString()), o, split), label);
                assertEquals(localError.getMessage(), e.getMessage(), label);
                continue;
            }
            Path dir = Files.createDirectories(tmp.resolve("r" + trial));
            Path a = Files.createDirectories(dir.resolve("local"));
            CorpusDatasetBuilder.write(a, CorpusDatasetBuilder.build(List.of(f), o, 2, ProgressListener.NONE));
            Path b = Files.createDirectories(dir.resolve("spark"));
            CorpusDatasetBuilder.write(b, SparkDatasetBuilder.build(sc, List.of(f.toString()), o, split));
            assertEquals(Files.readString(a.resolve("dataset.json")), Files.readString(b.resolve("dataset.json")), label);
            assertArrayEquals(Files.readAllBytes(a.resolve("dataset.npz")), Files.readAllBytes(b.resolve("dataset.npz")), label);
            compared++;
        }
        assertTrue(compared >= 4, "only " + compared + " of 8 random builds produced a dataset");
    }

    @Test
    void userErrorsAreOneLineMessages() throws IOException {
        Path bin = tmp.resolve("bin.txt");
        Files.write(bin, new byte[] {'a', ' ', 'b', '\n', 0, 'c'});
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () ->
                SparkDatasetBuilder.build(sc, List.of(bin.toString()), BuildOptions.defaults(2).withTokenizer("whitespace"), 0));
        assertEquals(bin + " looks binary (NUL byte at offset 4); corpora must be UTF-8 text", e.getMessage());
        UserError missing = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () ->
                SparkDatasetBuilder.build(sc, List.of(tmp.resolve("nope.txt").toString()), BuildOptions.defaults(2), 0));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path blank = Files.writeString(tmp.resolve("blank.txt"), " \n\t\n");
        UserError empty = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () ->
                SparkDatasetBuilder.build(sc, List.of(blank.toString()), BuildOptions.defaults(2), 0));
        assertEquals("the corpus is empty: no tokens in " + blank, empty.getMessage());
        Path shortDocs = tmp.resolve("short.txt");
        Files.writeString(shortDocs, "a b\nc\n");
        UserError tooLong = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () ->
                SparkDatasetBuilder.build(sc, List.of(shortDocs.toString()), BuildOptions.defaults(5), 0));
        assertTrue(tooLong.getMessage().contains("longest has 2 tokens"), tooLong.getMessage());
    }
}
