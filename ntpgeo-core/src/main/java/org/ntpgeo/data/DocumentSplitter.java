package org.ntpgeo.data;

import org.ntpgeo.common.OptionError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a text is cut into documents (no window crosses a document boundary). Pure functions:
 * <ul>
 *   <li>{@code LINE}: every line is a document (lines end at U+000A; a trailing U+000D is dropped).</li>
 *   <li>{@code BLANK_LINE}: a document is a maximal run of non-blank lines, a blank line being one that holds
 *       only White_Space characters; its text is those lines with the line breaks between them.</li>
 *   <li>{@code EOT}: documents are the texts between {@code <|endoftext|>} markers (the marker is not text).</li>
 * </ul>
 * {@link #lastCut} finds, in raw UTF-8 bytes, a place where a text can be cut into chunks that are each a
 * sequence of whole documents, so that splitting chunks separately equals splitting the whole text.
 */
public enum DocumentSplitter {
    LINE, BLANK_LINE, EOT;

    public static final String EOT_MARKER = "<|endoftext|>";
    private static final char[] MARKER = EOT_MARKER.toCharArray();
    private static final byte[] MARKER_BYTES = EOT_MARKER.getBytes(StandardCharsets.US_ASCII);

    /** Receives documents as ranges of the text. */
    @FunctionalInterface
    public interface DocumentSink {
        void document(char[] text, int start, int end);
    }

    /** The option spelling: line, blank-line, eot. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DocumentSplitter parse(String s) {
        for (DocumentSplitter d : values()) if (d.optionName().equals(s)) return d;
        throw new OptionError("unknown {documents} '" + s + "' (choose line, blank-line or eot)");
    }

    /** Emit the documents of {@code text[start, end)} in order (documents without any text may be emitted). */
    public void split(char[] text, int start, int end, DocumentSink sink) {
        switch (this) {
            case LINE -> {
                int s = start;
                for (int i = start; i <= end; i++) {
                    if (i == end || text[i] == '\n') {
                        int e = i;
                        if (e > s && text[e - 1] == '\r') e--;
                        if (e > s) sink.document(text, s, e);
                        s = i + 1;
                    }
                }
            }
            case BLANK_LINE -> {
                int docStart = -1;
                int docEnd = -1;
                int s = start;
                for (int i = start; i <= end; i++) {
                    if (i == end || text[i] == '\n') {
                        boolean blank = true;
                        for (int p = s; p < i && blank; p++) blank = UnicodeWhitespace.is(text[p]);
                        if (blank) {
                            if (docStart >= 0) sink.document(text, docStart, docEnd);
                            docStart = -1;
                        } else {
                            if (docStart < 0) docStart = s;
                            docEnd = i;
                        }
                        s = i + 1;
                    }
                }
                if (docStart >= 0) sink.document(text, docStart, docEnd);
            }
            case EOT -> {
                int s = start;
                int i = start;
                while (i <= end - MARKER.length) {
                    if (text[i] == '<' && matchesMarker(text, i)) {
                        if (i > s) sink.document(text, s, i);
                        i += MARKER.length;
                        s = i;
                    } else {
                        i++;
                    }
                }
                if (end > s) sink.document(text, s, end);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static boolean matchesMarker(char[] text, int i) {
        for (int k = 0; k < MARKER.length; k++) if (text[i + k] != MARKER[k]) return false;
        return true;
    }

    /** The documents of a string, as strings (tests and small inputs). */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        char[] c = text.toCharArray();
        split(c, 0, c.length, (t, s, e) -> out.add(new String(t, s, e - s)));
        return out;
    }

    /**
     * The largest index {@code cut} in {@code (from, to]} such that bytes {@code [from, cut)} end at a document
     * boundary (after a line feed; after a blank (empty) line; after an end-of-text marker), or -1 if none.
     * Cuts always follow an ASCII byte, so they never split a UTF-8 sequence.
     */
    public int lastCut(byte[] b, int from, int to) {
        switch (this) {
            case LINE -> {
                for (int i = to - 1; i >= from; i--) if (b[i] == '\n') return i + 1;
                return -1;
            }
            case BLANK_LINE -> {
                for (int i = to - 1; i > from; i--) {
                    if (b[i] != '\n') continue;
                    if (b[i - 1] == '\n') return i + 1;
                    if (b[i - 1] == '\r' && i - 2 >= from && b[i - 2] == '\n') return i + 1;
                }
                return -1;
            }
            case EOT -> {
                for (int i = to - MARKER_BYTES.length; i >= from; i--) {
                    if (b[i] != '<') continue;
                    boolean ok = true;
                    for (int k = 1; k < MARKER_BYTES.length && ok; k++) ok = b[i + k] == MARKER_BYTES[k];
                    if (ok) return i + MARKER_BYTES.length;
                }
                return -1;
            }
            default -> throw new IllegalStateException();
        }
    }
}
