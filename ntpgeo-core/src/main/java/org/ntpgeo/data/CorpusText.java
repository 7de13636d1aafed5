package org.ntpgeo.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ntpgeo.common.UserError;

/**
 * Decodes a chunk of corpus bytes (a run of whole documents) with the input checks of {@code data build}: a UTF-8
 * byte order mark at file offset 0 is skipped, a NUL byte means binary input, and any invalid UTF-8 sequence is an
 * error (both one-line {@link UserError}s naming the file and the byte offset in it).
 */
public final class CorpusText {
    private CorpusText() {}

    /**
     * Decode {@code bytes[0, length)}, which stand at {@code fileOffset} of {@code file}; the characters are
     * {@code [0, position())} of the returned buffer's array.
     */
    public static CharBuffer decode(String file, long fileOffset, byte[] bytes, int length) {
        int start = 0;
        if (fileOffset == 0 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3; // UTF-8 byte order mark
        }
        for (int i = start; i < length; i++) {
            if (bytes[i] == 0) {
                throw new UserError(file + " looks binary (NUL byte at offset " + (fileOffset + i) + "); corpora must be UTF-8 text");
            }
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
        CharBuffer out = CharBuffer.allocate(length - start);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) r = dec.flush(out);
        if (r.isError()) {
            throw new UserError(file + " is not UTF-8 text (invalid byte sequence at offset " + (fileOffset + in.position()) + ")");
        }
        return out;
    }
}
