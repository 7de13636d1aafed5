package org.ntpgeo.data.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.CorpusCounter;
import org.ntpgeo.data.CorpusText;
import org.ntpgeo.data.DocumentBlocks;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.UnicodeWhitespace;

/**
 * The first N non-blank lines of corpus files (files in the order given; a line ends at U+000A, a trailing
 * U+000D is dropped; a line is blank when it holds only White_Space characters, and blank lines are neither
 * kept nor counted). Files are streamed in chunks with the checks of {@code data build} (UTF-8, no NUL byte, a
 * leading byte-order mark skipped) and every file is hashed whole for the provenance, but only the chunks up to
 * the N-th line are decoded, so the memory does not grow with the files.
 */
public record CorpusLines(List<String> lines, List<CorpusCounter.InputFile> inputs) {
    private static final int CHUNK = 4 << 20;

    /** The first {@code maxLines} non-blank lines ({@code maxLines <= 0}: all of them; fewer when the corpus has fewer). */
    public static CorpusLines read(List<Path> files, int maxLines) {
        CorpusCounter.checkReadable(files);
        List<String> lines = new ArrayList<>();
        List<CorpusCounter.InputFile> inputs = new ArrayList<>();
        for (Path file : files) {
            MessageDigest sha = sha256();
            long fileBytes;
            try (InputStream in = Files.newInputStream(file)) {
                DocumentBlocks blocks = DocumentBlocks.of(in, DocumentSplitter.LINE, CHUNK, sha);
                for (DocumentBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
                    if (maxLines > 0 && lines.size() >= maxLines) {
                        blocks.drain(); // enough lines: only hash the rest of the file
                        break;
                    }
                    addLines(file, b.offset(), b.bytes(), b.length(), lines, maxLines);
                }
                fileBytes = blocks.position();
            } catch (IOException e) {
                throw new UserError("cannot read corpus file " + file + ": " + e.getMessage(), e);
            }
            inputs.add(new CorpusCounter.InputFile(file.toString(), fileBytes, HexFormat.of().formatHex(sha.digest())));
        }
        return new CorpusLines(List.copyOf(lines), List.copyOf(inputs));
    }

    private static void addLines(Path file, long offset, byte[] bytes, int length, List<String> out, int maxLines) {
        CharBuffer text = CorpusText.decode(file.toString(), offset, bytes, length);
        DocumentSplitter.LINE.split(text.array(), 0, text.position(), (t, s, e) -> {
            if ((maxLines > 0 && out.size() >= maxLines) || blank(t, s, e)) return;
            out.add(new String(t, s, e - s));
        });
    }

    private static boolean blank(char[] t, int s, int e) {
        for (int i = s; i < e; i++) if (!UnicodeWhitespace.is(t[i])) return false;
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
