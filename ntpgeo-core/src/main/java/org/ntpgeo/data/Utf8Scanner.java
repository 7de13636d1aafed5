package org.ntpgeo.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.ntpgeo.common.UserError;

/**
 * The {@code word} and {@code whitespace} tokenizers fused with the input checks and the document splitter,
 * working on the raw UTF-8 bytes of a chunk: one pass validates the bytes (strict UTF-8, no NUL byte, a byte-order
 * mark at file offset 0 skipped), finds the documents, cuts tokens and interns them, without decoding the text
 * into characters. Its counts equal those of {@link CorpusText#decode} + {@link DocumentSplitter#split} +
 * {@link WordTokenizer}/{@link WhitespaceTokenizer} + {@link ChunkCounts#count} (a property test compares them),
 * and its errors name the same byte offsets.
 *
 * <p>Tokens are first interned as the bytes they have in the text; only a form seen for the first time is
 * lowercased (the {@code word} rule: ASCII directly, anything else through {@link String#toLowerCase(Locale)}
 * with {@link Locale#ROOT} on the whole word, exactly as {@link WordTokenizer}) and mapped to its token.
 */
final class Utf8Scanner {
    private static final byte SPACE = 0, RUN = 1, SINGLE = 2, NEWLINE = 3, LT = 4, NUL = 5, HIGH = 6;
    private static final byte[] MARKER = DocumentSplitter.EOT_MARKER.getBytes(StandardCharsets.US_ASCII);

    private final boolean wordRule;
    private final DocumentSplitter documents;
    /** Class of every byte value: ASCII by the tokenizer's rule, 0x80..0xFF HIGH. */
    private final byte[] classOf = new byte[256];

    /** True for the tokenizers this scanner implements. */
    static boolean supports(Tokenizer t) {
        return t instanceof WordTokenizer || t instanceof WhitespaceTokenizer;
    }

    Utf8Scanner(Tokenizer tokenizer, DocumentSplitter documents) {
        if (!supports(tokenizer)) throw new IllegalArgumentException("no byte scanner for " + tokenizer.name());
        this.wordRule = tokenizer instanceof WordTokenizer;
        this.documents = documents;
        for (int c = 0; c < 256; c++) {
            byte k;
            if (c >= 0x80) k = HIGH;
            else if (c == 0) k = NUL;
            else if (c == '\n') k = NEWLINE;
            else if (UnicodeWhitespace.is((char) c)) k = SPACE;
            else if (c == '<' && documents == DocumentSplitter.EOT) k = LT;
            else if (!wordRule || WordTokenizer.isWordCodePoint(c)) k = RUN;
            else k = SINGLE;
            classOf[c] = (byte) k;
        }
    }

    /**
     * The counts of {@code bytes[0, length)}, which stand at {@code fileOffset} of {@code file}: the token ids go
     * into {@code scratch} (reused), the windows, keyed by the provisional ids of {@code ids}, into {@code table}
     * (width T), as {@link ChunkCounts#count} does from decoded text.
     */
    ChunkCounts count(String file, long fileOffset, byte[] bytes, int length, Windows windows, int t,
                      ChunkCounts.Scratch scratch, CorpusCounts.TokenIds ids, WindowCounter table) {
        Tokens tokens = new Tokens(wordRule);
        scratch.reset();
        scan(file, fileOffset, bytes, length, tokens, scratch);
        ChunkCounts c = new ChunkCounts();
        c.tokens = tokens.strings();
        c.tokenCounts = Arrays.copyOf(tokens.count, tokens.size());
        c.finish(scratch, windows, t, ids, table);
        return c;
    }

    private void scan(String file, long fileOffset, byte[] b, int end, Tokens tokens, ChunkCounts.Scratch s) {
        int i = fileOffset == 0 && end >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        // one call per document: the JIT compiles the per-document method as a whole, early, instead of replacing a
        // chunk-long loop on the stack (on-stack replacement), which a cold process would pay for several times
        while (i < end) i = document(file, fileOffset, b, i, end, tokens, s);
        s.endDocument();
    }

    /**
     * Scan one document from {@code i}: its tokens go to {@code s}; returns the offset after its end (or {@code end}).
     * The loop handles the common bytes (ASCII word runs, spaces, punctuation, line feeds) itself and hands the rest
     * to {@link #rare}; a run of at most 8 ASCII bytes is looked up by its bytes packed into a long
     * ({@link Tokens#shortKeys}), longer or non-ASCII runs by their bytes.
     */
    private int document(String file, long fileOffset, byte[] b, int i, int end, Tokens tokens, ChunkCounts.Scratch s) {
        byte[] cls = classOf;
        boolean lineEndsDocument = documents == DocumentSplitter.LINE;
        boolean blankLines = documents == DocumentSplitter.BLANK_LINE;
        boolean lineHasText = false;
        // the token ids go straight into the scratch array, and the hits of the short-form and single-byte tables
        // are looked up here: the hot path calls no method (the C1 compiler, which compiles this, inlines little).
        // Whatever can replace these arrays (a growth, a new form) is a call, after which they are loaded again.
        int[] ids = s.ids;
        int n = s.tokens;
        long[] shortKeys = tokens.shortKeys;
        int[] shortTokens = tokens.shortTokens;
        int shortShift = tokens.shortShift;
        long[] count = tokens.count;
        int[] singles = tokens.singles;
        while (i < end) {
            int c = b[i] & 0xFF;
            int k = cls[c];
            int token;
            if (k == RUN) {
                lineHasText = true;
                int start = i;
                long packed = c;
                while (++i < end) {
                    c = b[i] & 0xFF;
                    if (cls[c] != RUN) break;
                    packed = packed << 8 | c;
                }
                if (i - start <= 8 && (i == end || (c < 0x80 && c != '<'))) {
                    int slot = (int) ((packed * SHORT_HASH) >>> shortShift);
                    while (true) {
                        long key = shortKeys[slot];
                        if (key == packed) {
                            token = shortTokens[slot];
                            count[token]++;
                            break;
                        }
                        if (key == 0) {
                            token = tokens.newShortForm(b, start, i, packed, slot);
                            shortKeys = tokens.shortKeys;
                            shortTokens = tokens.shortTokens;
                            shortShift = tokens.shortShift;
                            count = tokens.count;
                            break;
                        }
                        slot = (slot + 1) & (shortKeys.length - 1);
                    }
                } else {
                    if (i < end && (c >= 0x80 || c == '<') && continuesRun(file, fileOffset, b, i, end)) {
                        i = runEnd(file, fileOffset, b, i, end);
                    }
                    token = tokens.occurrence(b, start, i, ByteInterner.hash(b, start, i));
                    count = tokens.count;
                }
            } else if (k == SPACE) {
                i++;
                continue;
            } else if (k == SINGLE) {
                lineHasText = true;
                i++;
                token = singles[c];
                if (token >= 0) {
                    count[token]++;
                } else {
                    token = tokens.single(c);
                    count = tokens.count;
                }
            } else if (k == NEWLINE) {
                i++;
                if (lineEndsDocument || (blankLines && !lineHasText)) {
                    s.tokens = n;
                    s.endDocument();
                    return i;
                }
                lineHasText = false;
                continue;
            } else {
                s.tokens = n;
                long r = rare(file, fileOffset, b, i, end, tokens, s);
                ids = s.ids;
                n = s.tokens;
                count = tokens.count;
                i = (int) (r >>> 2);
                if ((r & RARE_DOCUMENT_ENDED) != 0) return i;
                if ((r & RARE_TEXT) != 0) lineHasText = true;
                continue;
            }
            if (n == ids.length) ids = s.grow();
            ids[n++] = token;
        }
        s.tokens = n;
        return i;
    }

    /** The multiplier that spreads packed short forms over their table. */
    private static final long SHORT_HASH = 0x9E3779B97F4A7C15L;

    /** Flags of {@link #rare}'s result, whose bits from 2 up are the offset to continue at. */
    private static final long RARE_DOCUMENT_ENDED = 1, RARE_TEXT = 2;

    /**
     * The bytes {@link #document}'s loop does not handle itself, at {@code i}: '<' (a possible end-of-text marker),
     * NUL (an error) and the first byte of a multi-byte code point. Returns {@code (next offset << 2) | flags}.
     */
    private long rare(String file, long fileOffset, byte[] b, int i, int end, Tokens tokens, ChunkCounts.Scratch s) {
        int c = b[i] & 0xFF;
        switch (classOf[c]) {
            case LT -> {
                if (isMarker(b, i, end)) {
                    s.endDocument();
                    return (long) (i + MARKER.length) << 2 | RARE_DOCUMENT_ENDED;
                }
                if (wordRule) {
                    s.add(tokens.single(c));
                    return (long) (i + 1) << 2 | RARE_TEXT;
                }
                int start = i;
                i = runEnd(file, fileOffset, b, i + 1, end);
                s.add(tokens.occurrence(b, start, i, ByteInterner.hash(b, start, i)));
                return (long) i << 2 | RARE_TEXT;
            }
            case NUL -> throw new UserError(file + " looks binary (NUL byte at offset " + (fileOffset + i) + "); corpora must be UTF-8 text");
            default -> { // HIGH: a multi-byte code point
                int cp = decode(file, fileOffset, b, i, end);
                int n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                if (cp < 0x10000 && UnicodeWhitespace.is((char) cp)) return (long) (i + n) << 2;
                int start = i;
                if (!wordRule || WordTokenizer.isWordCodePoint(cp)) i = runEnd(file, fileOffset, b, i, end);
                else i += n;
                s.add(tokens.occurrence(b, start, i, ByteInterner.hash(b, start, i)));
                return (long) i << 2 | RARE_TEXT;
            }
        }
    }

    /** Whether the code point (or the '<') at {@code i}, just after a run of ASCII run bytes, extends the run. */
    private boolean continuesRun(String file, long fileOffset, byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c == '<') return !wordRule && !isMarker(b, i, end);
        int cp = decode(file, fileOffset, b, i, end);
        return inRun(cp);
    }

    private boolean inRun(int cp) {
        if (cp < 0x10000 && UnicodeWhitespace.is((char) cp)) return false;
        return !wordRule || WordTokenizer.isWordCodePoint(cp);
    }

    /** The end of the run (maximal run of word / non-space code points) that continues at {@code i}. */
    private int runEnd(String file, long fileOffset, byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i] & 0xFF;
            byte k = classOf[c];
            if (k == RUN) {
                i++;
            } else if (k == HIGH) {
                int cp = decode(file, fileOffset, b, i, end);
                if (!inRun(cp)) return i;
                i += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            } else if (k == LT && !wordRule && !isMarker(b, i, end)) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean isMarker(byte[] b, int i, int end) {
        if (end - i < MARKER.length) return false;
        for (int k = 0; k < MARKER.length; k++) if (b[i + k] != MARKER[k]) return false;
        return true;
    }

    /**
     * The code point of the multi-byte UTF-8 sequence at {@code i} (strict: no overlong forms, no surrogates,
     * nothing above U+10FFFF), or a UserError naming the offset of its first byte, as Java's decoder reports it.
     */
    static int decode(String file, long fileOffset, byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c < 0xE0) {
            if (i + 1 < end && cont(b[i + 1])) return (c & 0x1F) << 6 | (b[i + 1] & 0x3F);
        } else if (c >= 0xE0 && c < 0xF0) {
            if (i + 2 < end) {
                int c1 = b[i + 1] & 0xFF;
                boolean ok1 = c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F : c1 >= 0x80 && c1 <= 0xBF;
                if (ok1 && cont(b[i + 2])) return (c & 0x0F) << 12 | (c1 & 0x3F) << 6 | (b[i + 2] & 0x3F);
            }
        } else if (c >= 0xF0 && c < 0xF5) {
            if (i + 3 < end) {
                int c1 = b[i + 1] & 0xFF;
                boolean ok1 = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : c1 >= 0x80 && c1 <= 0xBF;
                if (ok1 && cont(b[i + 2]) && cont(b[i + 3])) {
                    return (c & 0x07) << 18 | (c1 & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                }
            }
        }
        throw new UserError(file + " is not UTF-8 text (invalid byte sequence at offset " + (fileOffset + i) + ")");
    }

    private static boolean cont(byte x) {
        return (x & 0xC0) == 0x80;
    }

    /**
     * The chunk's tokens: the forms as they appear in the text (raw bytes) map to tokens (lowercased with the
     * word rule), which are numbered in order of first appearance and counted.
     */
    private static final class Tokens {
        private final boolean lowercase;
        private final ByteInterner forms = new ByteInterner();
        private final ByteInterner tokens;
        private int[] tokenOfForm = new int[1024];
        /** Token of each single-byte (ASCII) token, -1 until seen. */
        final int[] singles = new int[128];
        long[] count = new long[1024];
        private byte[] lower = new byte[64];
        /**
         * Forms of 1 to 8 ASCII bytes by their bytes packed into a long (first byte highest; no byte is 0, so the
         * long also fixes the length; 0 = empty slot) -> token: the lookup of almost every word, one compare.
         */
        long[] shortKeys = new long[1 << 12];
        int[] shortTokens = new int[1 << 12];
        int shortShift = 64 - 12;
        private int shortSize;

        Tokens(boolean lowercase) {
            this.lowercase = lowercase;
            this.tokens = lowercase ? new ByteInterner() : forms;
            Arrays.fill(singles, -1);
        }

        int size() {
            return tokens.size();
        }

        /** One occurrence of the form {@code b[start, end)} (hash {@code h}): its token id. */
        int occurrence(byte[] b, int start, int end, int h) {
            int before = forms.size();
            int form = forms.intern(b, start, end, h);
            int token;
            if (form == before) { // a new form
                token = lowercase ? tokenOf(b, start, end) : form;
                if (form == tokenOfForm.length) tokenOfForm = Arrays.copyOf(tokenOfForm, form * 2);
                tokenOfForm[form] = token;
            } else {
                token = tokenOfForm[form];
            }
            if (token == count.length) count = Arrays.copyOf(count, token * 2);
            count[token]++;
            return token;
        }

        /**
         * The first occurrence in this chunk of the form {@code b[start, end)} of 1..8 ASCII bytes, {@code packed} as in
         * {@link #shortKeys}, whose empty slot {@code slot} its lookup reached: its token (counted), remembered there.
         */
        int newShortForm(byte[] b, int start, int end, long packed, int slot) {
            int token = occurrence(b, start, end, ByteInterner.hash(b, start, end));
            shortKeys[slot] = packed;
            shortTokens[slot] = token;
            if (++shortSize * 2 > shortKeys.length) growShortForms();
            return token;
        }

        private void growShortForms() {
            long[] oldKeys = shortKeys;
            int[] oldTokens = shortTokens;
            shortKeys = new long[oldKeys.length * 2];
            shortTokens = new int[oldKeys.length * 2];
            shortShift--;
            int mask = shortKeys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                long k = oldKeys[j];
                if (k == 0) continue;
                int s = (int) ((k * SHORT_HASH) >>> shortShift);
                while (shortKeys[s] != 0) s = (s + 1) & mask;
                shortKeys[s] = k;
                shortTokens[s] = oldTokens[j];
            }
        }

        /** One occurrence of the single-byte token {@code c} (ASCII). */
        int single(int c) {
            int token = singles[c];
            if (token < 0) {
                byte[] one = {(byte) c};
                token = singles[c] = occurrence(one, 0, 1, c);
                return token;
            }
            count[token]++;
            return token;
        }

        private int tokenOf(byte[] b, int start, int end) {
            int len = end - start;
            boolean ascii = true;
            for (int i = start; i < end && ascii; i++) ascii = b[i] >= 0;
            byte[] l;
            if (ascii) {
                if (lower.length < len) lower = new byte[Math.max(len, lower.length * 2)];
                for (int i = 0; i < len; i++) {
                    byte x = b[start + i];
                    lower[i] = x >= 'A' && x <= 'Z' ? (byte) (x + 32) : x;
                }
                l = lower;
            } else {
                l = new String(b, start, len, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                len = l.length;
            }
            return tokens.intern(l, 0, len, ByteInterner.hash(l, 0, len));
        }

        String[] strings() {
            String[] s = new String[tokens.size()];
            for (int i = 0; i < s.length; i++) s[i] = tokens.string(i);
            return s;
        }
    }
}
