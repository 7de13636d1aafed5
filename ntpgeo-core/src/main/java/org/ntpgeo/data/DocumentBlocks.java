package org.ntpgeo.data;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.LongToIntFunction;

/**
 * Reads a byte stream as blocks of whole documents: each block ends at a document boundary in the sense of
 * {@link DocumentSplitter#lastCut} (or at the end of the input), so splitting every block on its own gives the
 * same documents as splitting the whole text. Blocks are about {@code blockBytes} long; a document longer than
 * that is never cut (the block grows to hold it). Every block gets its own array (blocks go to other threads).
 * The one place that cuts raw text into chunks: the local builder, the recipes and the Spark job read through it.
 */
public final class DocumentBlocks {
    /** {@code bytes[0, length)}, which stand at byte {@code offset} of the input. */
    public record Block(long offset, byte[] bytes, int length) {}

    private final InputStream in;
    private final DocumentSplitter documents;
    private final int blockBytes;
    private final long limit;
    private final MessageDigest digest;
    private final IntFunction<byte[]> allocate;
    /** The length wanted for the block that starts at a given input offset (at most blockBytes). */
    private LongToIntFunction blockBytesAt;
    private byte[] buf;
    private int len;
    private long offset; // input offset of buf[0]
    private long readTo; // input offset just after the last byte read
    private boolean eof;

    /**
     * Blocks of {@code in}, whose next byte is at input offset {@code start}, up to input offset {@code limit}
     * (which must be a cut or the end of the input; {@link Long#MAX_VALUE}: read to the end). Every byte read is
     * also passed to {@code digest} when it is not null.
     */
    public DocumentBlocks(InputStream in, long start, long limit, DocumentSplitter documents, int blockBytes, MessageDigest digest) {
        this(in, start, limit, documents, blockBytes, digest, byte[]::new);
    }

    /**
     * As {@link #DocumentBlocks(InputStream, long, long, DocumentSplitter, int, MessageDigest)}, with block arrays
     * from {@code allocate} (given a minimum length, it returns an array at least that long, e.g. from a pool of
     * arrays that earlier blocks no longer use).
     */
    public DocumentBlocks(InputStream in, long start, long limit, DocumentSplitter documents, int blockBytes, MessageDigest digest,
                          IntFunction<byte[]> allocate) {
        this.in = in;
        this.allocate = allocate;
        this.documents = documents;
        this.blockBytes = Math.max(64, blockBytes);
        this.limit = limit;
        this.digest = digest;
        this.offset = this.readTo = start;
        this.buf = allocate.apply(this.blockBytes);
        this.blockBytesAt = at -> this.blockBytes;
    }

    /**
     * Let the wanted block length depend on where the block starts (e.g. small blocks first and last, so that
     * workers start early and finish together); {@code blockBytesAt} gets the input offset of the block and returns
     * a length of at least 64 and at most the block length given to the constructor. Returns this.
     */
    public DocumentBlocks withBlockBytesAt(LongToIntFunction blockBytesAt) {
        this.blockBytesAt = blockBytesAt;
        return this;
    }

    /** The whole of {@code in} from its start, in blocks. */
    public static DocumentBlocks of(InputStream in, DocumentSplitter documents, int blockBytes, MessageDigest digest) {
        return new DocumentBlocks(in, 0, Long.MAX_VALUE, documents, blockBytes, digest);
    }

    /** As {@link #of(InputStream, DocumentSplitter, int, MessageDigest)} with block arrays from {@code allocate}. */
    public static DocumentBlocks of(InputStream in, DocumentSplitter documents, int blockBytes, MessageDigest digest,
                                    IntFunction<byte[]> allocate) {
        return new DocumentBlocks(in, 0, Long.MAX_VALUE, documents, blockBytes, digest, allocate);
    }

    /** The next block, or null at the end of the input (or at {@code limit}). */
    public Block next() throws IOException {
        while (true) {
            if (buf == null) buf = allocate.apply(blockBytes);
            int target = Math.max(64, Math.min(buf.length, blockBytesAt.applyAsInt(offset)));
            if (!eof && readTo < limit && len < target) {
                fill(target);
                continue;
            }
            if (len == 0) return null;
            if (eof || readTo >= limit) {
                Block b = new Block(offset, buf, len);
                offset += len;
                len = 0;
                buf = null;
                return b;
            }
            int cut = documents.lastCut(buf, 0, len);
            if (cut <= 0) {
                if (len < buf.length) { // no document ends in the wanted length: read on, up to the whole array
                    fill(buf.length);
                    continue;
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
                continue;
            }
            byte[] rest = allocate.apply(Math.max(blockBytes, len - cut + 1));
            System.arraycopy(buf, cut, rest, 0, len - cut);
            Block b = new Block(offset, buf, cut);
            offset += cut;
            len -= cut;
            buf = rest;
            return b;
        }
    }

    /** Read more of the input into {@code buf}, up to {@code upTo} bytes in it (and up to the limit). */
    private void fill(int upTo) throws IOException {
        int r = in.read(buf, len, (int) Math.min(upTo - len, limit - readTo));
        if (r < 0) {
            if (limit != Long.MAX_VALUE) throw new IOException("the file ended early (did it change while being read?)");
            eof = true;
        } else {
            if (digest != null) digest.update(buf, len, r);
            len += r;
            readTo += r;
        }
    }

    /** The input offset just after the last byte read so far. */
    public long position() {
        return readTo;
    }

    /** Read the rest of the input without making blocks (so that {@code digest} sees every byte). */
    public void drain() throws IOException {
        byte[] b = new byte[1 << 16];
        int r;
        while (readTo < limit && (r = in.read(b, 0, (int) Math.min(b.length, limit - readTo))) > 0) {
            if (digest != null) digest.update(b, 0, r);
            readTo += r;
        }
    }
}
