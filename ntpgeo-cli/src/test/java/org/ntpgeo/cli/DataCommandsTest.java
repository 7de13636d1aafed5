package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;

class DataCommandsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Ntpgeo.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        cl.getOut().flush();
        return new Run(code, out.toString(), err.toString());
    }

    /** The library words option errors by field ({vocab}, {context_length}); the command line names its flags. */
    @Test
    void libraryOptionErrorsNameTheFlags() throws Exception {
        Run r = run("data", "synth", "--kind", "classes", "--vocab", "0", "--contexts", "10", "--classes", "2", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertEquals("ntpgeo: error: --vocab must be >= 1, got 0", r.err().strip());
        Path corpus = Files.writeString(dir.resolve("c.txt"), "a b c\n");
        r = run("data", "build", "--corpus", corpus.toString(), "--context-length", "1", "--out", dir.resolve("y").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ntpgeo: error: --context-length must be at least 2"), r.err());
    }

    @Test
    void buildShowAndRefuseExistingOutput() throws Exception {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "The cat sat on the mat.\nThe cat sat on the hat.\n");
        Path out = dir.resolve("ds");
        Run r = run("data", "build", "--corpus", corpus.toString(), "-T", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        NtpDataset ds = DatasetFiles.read(out);
        // word tokens: the cat sat on mat . hat -> contexts (the cat)(cat sat)(sat on)(on the)(the mat)(the hat)
        assertEquals(7, ds.vocabSize());
        assertEquals(6, ds.contextCount());
        assertEquals(10, ds.pairCount());
        Run show = run("data", "show", out.toString());
        assertEquals(0, show.code());
        assertTrue(show.out().contains("m (contexts)           6"), show.out());
        Run json = run("data", "show", out.toString(), "--json");
        assertTrue(json.out().contains("\"m\" : 6"), json.out());
        Run again = run("data", "build", "--corpus", corpus.toString(), "-T", "3", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("ntpgeo: error: output"), again.err());
        assertEquals(1, again.err().strip().lines().count());
    }

    @Test
    void badOptionsExitWithTwo() throws Exception {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "a b c\n");
        assertEquals(2, run("data", "build", "--corpus", corpus.toString(), "-T", "3", "--tokenizer", "nope", "--out", dir.resolve("x").toString()).code());
        assertEquals(2, run("data", "build", "--corpus", corpus.toString(), "-T", "3", "--documents", "para", "--out", dir.resolve("x").toString()).code());
        assertEquals(2, run("data", "build", "--corpus", dir.resolve("none.txt").toString(), "-T", "3", "--out", dir.resolve("x").toString()).code());
        assertEquals(2, run("data", "synth", "--kind", "symmetric", "--vocab", "80", "--support-size", "40", "--out", dir.resolve("x").toString()).code());
        assertEquals(2, run("data", "show", dir.resolve("x").toString()).code());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void charTokenizerAndFirstWindows() throws Exception {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "abab\r\nabc\n");
        Path out = dir.resolve("chars");
        Run r = run("data", "build", "--corpus", corpus.toString(), "-T", "3", "--tokenizer", "char", "--windows", "first", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        NtpDataset ds = DatasetFiles.read(out);
        // first windows: (a b -> a) and (a b -> c); the carriage return is dropped
        assertEquals(1, ds.contextCount());
        assertEquals(2, ds.supportSize(0));
        assertArrayEquals(new String[] {"a", "b", "c"}, ds.vocab());
    }

    @Test
    void synthPaper() {
        Path out = dir.resolve("paper");
        Run r = run("data", "synth", "--kind", "paper", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        NtpDataset ds = DatasetFiles.read(out);
        assertEquals(16, ds.contextCount());
        assertEquals(30, ds.vocabSize());
    }

    @Test
    void synthRefusesSizesThatCannotFitAtOnce() {
        for (String n : new String[] {"1000000000", "2000000000"}) {
            long t0 = System.nanoTime();
            Run r = run("data", "synth", "--kind", "random", "--vocab", n, "--contexts", n, "--out", dir.resolve("big").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("ntpgeo: error: a random dataset of " + n + " contexts"), r.err());
            assertTrue(r.err().contains(" GiB of "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(dir.resolve("big")));
        }
    }

    @Test
    void showRejectsCountsThatOverflowInt64() throws Exception {
        Path ds = dir.resolve("overflow");
        Files.createDirectories(ds);
        java.util.Map<String, org.ntpgeo.io.NdArray> a = new java.util.LinkedHashMap<>();
        a.put("V", org.ntpgeo.io.NdArray.scalar(2L));
        a.put("m", org.ntpgeo.io.NdArray.scalar(2L));
        a.put("support_token", org.ntpgeo.io.NdArray.ofInts(new int[] {0, 1}, 2));
        a.put("support_context", org.ntpgeo.io.NdArray.ofInts(new int[] {0, 1}, 2));
        a.put("count", org.ntpgeo.io.NdArray.ofLongs(new long[] {Long.MAX_VALUE - 1, 5}, 2));
        org.ntpgeo.io.Npz.write(ds.resolve("dataset.npz"), a);
        Run r = run("data", "show", ds.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("int64"), r.err());
        assertFalse(r.out().contains("NaN"), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    static Path sharedSample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/data/tinystories/train-first-1000.txt");
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    @Test
    void buildFromARecipe() {
        Path sample = sharedSample();
        org.junit.jupiter.api.Assumptions.assumeTrue(sample != null, "shared TinyStories sample not found");
        Path out = dir.resolve("simplified");
        Run r = run("data", "build", "--recipe", "simplified-tinystories", "--corpus", sample.toString(), "--lines", "400",
                "--contexts", "6", "--variants", "3", "--seed", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        NtpDataset ds = DatasetFiles.read(out);
        assertEquals(18, ds.contextCount());
        assertEquals(5, ds.contextWidth());
        Run show = run("data", "show", out.toString(), "--json");
        assertTrue(show.out().contains("\"recipe\" : \"simplified-tinystories\""), show.out());
    }

    @Test
    void recipeOptionsAreCheckedBeforeAnyWork() throws Exception {
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "a b c d e f g\n");
        String out = dir.resolve("x").toString();
        String[][] bad = {
            {"data", "build", "--recipe", "nope", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--recipe", "simplified-tinystories", "-T", "6", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--recipe", "simplified-tinystories", "--tokenizer", "char", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--seed", "3", "-T", "3", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--recipe", "tinystories", "--variants", "4", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--recipe", "simplified-tinystories", "--lines", "0", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "--recipe", "simplified-tinystories", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "-T", "3", "--bpe-vocab", "50", "--corpus", corpus.toString(), "--out", out},
            {"data", "build", "-T", "3", "--unk", "keep", "--corpus", corpus.toString(), "--out", out},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("ntpgeo: error: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(dir.resolve("x")));
        }
    }
}
