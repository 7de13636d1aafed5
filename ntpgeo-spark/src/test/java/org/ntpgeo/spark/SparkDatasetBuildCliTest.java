package org.ntpgeo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option mistakes end with one line on stderr and exit code 2, before any Spark context starts. */
class SparkDatasetBuildCliTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SparkDatasetBuild.run(args);
        } finally {
            System.setErr(old);
        }
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void existingOutputIsRefused() throws IOException {
        Path corpus = Files.writeString(tmp.resolve("c.txt"), "a b c\n");
        Path out = Files.createDirectories(tmp.resolve("out"));
        String[] r = run("--corpus", corpus.toString(), "-T", "2", "--out", out.toString());
        assertEquals("2", r[0]);
        assertEquals("ntpgeo-spark: error: output " + out + " already exists (use --force to replace it)", r[1].strip());
    }

    @Test
    void badOptionsAreOneLineErrors() throws IOException {
        Path corpus = Files.writeString(tmp.resolve("c.txt"), "a b c\n");
        String out = tmp.resolve("o").toString();
        String[] t1 = run("--corpus", corpus.toString(), "-T", "1", "--out", out);
        assertEquals("2", t1[0]);
        assertTrue(t1[1].startsWith("ntpgeo-spark: error: --context-length must be at least 2"), t1[1]);
        String[] tok = run("--corpus", corpus.toString(), "-T", "2", "--tokenizer", "nope", "--out", out);
        assertEquals("2", tok[0]);
        assertTrue(tok[1].startsWith("ntpgeo-spark: error: unknown --tokenizer 'nope'"), tok[1]);
        String[] doc = run("--corpus", corpus.toString(), "-T", "2", "--documents", "para", "--out", out);
        assertEquals("2", doc[0]);
        assertEquals(1, doc[1].strip().lines().count(), doc[1]);
    }
}
