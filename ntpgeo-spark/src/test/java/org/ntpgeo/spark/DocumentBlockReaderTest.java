package org.ntpgeo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DocumentSplitter;

/**
 * Splits of every size must tile the file with blocks of whole documents: the blocks of all splits, in order,
 * concatenate to the file, and splitting each block into documents gives the documents of the whole text.
 */
class DocumentBlockReaderTest {
    @TempDir
    Path tmp;

    private static String randomText(Random r) {
        String[] pieces = {"a", "bb", " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", " \n", "<|endoftext|>", "é", "日本", "😀", "<", "|", ">"};
        StringBuilder sb = new StringBuilder();
        int n = 20 + r.nextInt(200);
        for (int i = 0; i < n; i++) sb.append(pieces[r.nextInt(pieces.length)]);
        return sb.toString();
    }

    @Test
    void splitsTileTheFileAtDocumentBoundaries() throws IOException {
        Random r = new Random(42);
        Configuration conf = new Configuration();
        for (int trial = 0; trial < 25; trial++) {
            String text = randomText(r);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Path f = tmp.resolve("t" + trial + ".txt");
            Files.write(f, bytes);
            for (DocumentSplitter d : DocumentSplitter.values()) {
                List<String> expected = d.split(text);
                for (int split : new int[] {1, 3, 16, bytes.length + 1}) {
                    for (int blockBytes : new int[] {64}) {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        List<String> docs = new ArrayList<>();
                        long lastEnd = 0;
                        for (long s = 0; s < bytes.length; s += split) {
                            CorpusSplit cs = new CorpusSplit(0, f.toString(), f.toUri().toString(), s, Math.min(bytes.length, s + split), bytes.length);
                            try (DocumentBlockReader rd = new DocumentBlockReader(cs, d, conf, blockBytes)) {
                                while (rd.hasNext()) {
                                    DocumentBlockReader.Block b = rd.next();
                                    assertEquals(lastEnd, b.offset(), "blocks are contiguous");
                                    lastEnd = b.offset() + b.length();
                                    all.write(b.bytes(), 0, b.length());
                                    docs.addAll(d.split(new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8)));
                                }
                            }
                        }
                        assertArrayEquals(bytes, all.toByteArray(), d + " split " + split);
                        assertEquals(expected.stream().filter(x -> !x.isEmpty()).toList(),
                                docs.stream().filter(x -> !x.isEmpty()).toList(), d + " split " + split + " text " + text);
                    }
                }
            }
        }
    }
}
