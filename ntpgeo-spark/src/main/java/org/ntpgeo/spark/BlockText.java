package org.ntpgeo.spark;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ntpgeo.common.UserError;

/**
 * Decodes a block of corpus bytes with the checks of the single-machine builder: a UTF-8 byte order mark at
 * file offset 0 is skipped, a NUL byte means binary input, and any invalid UTF-8 sequence is an error (both
 * one-line {@link UserError}s naming the file and offset).
 */
public final class BlockText {
    private BlockText() {}

    /** The decoded characters {@code [0, position())} of the returned buffer's array. */
    public static CharBuffer decode(String file, DocumentBlockReader.Block block) {
        byte[] b = block.bytes();
        int length = block.length();
        int start = 0;
        if (block.offset() == 0 && length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        for (int i = start; i < length; i++) {
            if (b[i] == 0) {
                throw new UserError(file + " looks binary (NUL byte at offset " + (block.offset() + i) + "); corpora must be UTF-8 text");
            }
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, length - start);
        CharBuffer out = CharBuffer.allocate(length - start);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) r = dec.flush(out);
        if (r.isError()) {
            throw new UserError(file + " is not UTF-8 text (invalid byte sequence at offset " + (block.offset() + in.position()) + ")");
        }
        return out;
    }
}
