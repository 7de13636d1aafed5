package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
        StringWriter err = new StringWriter();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            var cl = Ntpgeo.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
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
}
