package org.ntpgeo.spark;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DocumentSplitter;

/**
 * Reads the documents of one {@link CorpusSplit} as blocks of whole documents (raw bytes).
 *
 * <p>A position p of a file is a <em>cut</em> when the bytes before it end at a document boundary in the sense
 * of {@link DocumentSplitter#lastCut} (after a line feed; after an empty line; after an end-of-text marker), or
 * p is 0 or the file length. A split {@code [start, end)} owns the bytes from the first cut at or after
 * {@code start} to the first cut at or after {@code end}. Adjacent splits therefore meet at the same cut, every
 * byte belongs to exactly one split, and every block is a sequence of whole documents, so splitting the blocks
 * separately equals splitting the whole file (the same argument as the chunks of the single-machine builder).
 */
public final class DocumentBlockReader implements Iterator<DocumentBlockReader.Block>, Closeable {
    /** Bytes of context a cut test needs: the longest pattern is the 13-byte end-of-text marker. */
    static final int LOOK_BEHIND = 16;

    /** A block of whole documents: its byte offset in the file and its bytes {@code [0, length)}. */
    public record Block(int fileIndex, long offset, byte[] bytes, int length) {}

    private final CorpusSplit split;
    private final DocumentSplitter documents;
    private final FSDataInputStream in;
    private final long end;
    private long offset; // file offset of buf[0]
    private long readTo; // file offset just after the last byte read into buf
    private byte[] buf;
    private int len;
    private final int blockBytes;
    private Block next;

    public DocumentBlockReader(CorpusSplit split, DocumentSplitter documents, Configuration conf, int blockBytes) {
        this.split = split;
        this.documents = documents;
        this.blockBytes = Math.max(LOOK_BEHIND * 4, blockBytes);
        try {
            Path p = new Path(URI.create(split.uri()));
            FileSystem fs = p.getFileSystem(conf);
            in = fs.open(p);
            long s = firstCutAtOrAfter(in, split.start(), split.fileLength(), documents);
            end = firstCutAtOrAfter(in, split.end(), split.fileLength(), documents);
            offset = readTo = s;
            in.seek(s);
        } catch (IOException e) {
            throw new UserError("cannot read corpus file " + split.name() + ": " + e.getMessage(), e);
        }
        buf = new byte[this.blockBytes];
    }

    static boolean isCut(byte[] b, int i, DocumentSplitter documents) {
        byte last = b[i - 1];
        if (documents == DocumentSplitter.EOT ? last != '>' : last != '\n') return false;
        return documents.lastCut(b, Math.max(0, i - LOOK_BEHIND), i) == i;
    }

    /** The first cut at or after {@code x} (0 and {@code fileLength} are cuts). */
    static long firstCutAtOrAfter(FSDataInputStream in, long x, long fileLength, DocumentSplitter documents)
            throws IOException {
        if (x <= 0) return 0;
        if (x >= fileLength) return fileLength;
        long bufStart = Math.max(0, x - LOOK_BEHIND);
        byte[] b = new byte[LOOK_BEHIND + (64 << 10)];
        int have = 0;
        long nextP = x;
        in.seek(bufStart);
        while (true) {
            int want = (int) Math.min(b.length - have, fileLength - (bufStart + have));
            in.readFully(b, have, want);
            have += want;
            for (long p = nextP; p <= bufStart + have; p++) {
                if (isCut(b, (int) (p - bufStart), documents)) return p;
            }
            nextP = bufStart + have + 1;
            if (bufStart + have >= fileLength) return fileLength;
            int keep = Math.min(have, LOOK_BEHIND);
            System.arraycopy(b, have - keep, b, 0, keep);
            bufStart += have - keep;
            have = keep;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) next = advance();
        return next != null;
    }

    @Override
    public Block next() {
        if (!hasNext()) throw new NoSuchElementException();
        Block b = next;
        next = null;
        return b;
    }

    private Block advance() {
        try {
            while (true) {
                if (readTo < end && len < buf.length) {
                    int want = (int) Math.min(buf.length - len, end - readTo);
                    int r = in.read(buf, len, want);
                    if (r < 0) throw new IOException("file ended early (it changed while being read?)");
                    len += r;
                    readTo += r;
                    continue;
                }
                if (len == 0) return null;
                if (readTo >= end) {
                    Block b = new Block(split.fileIndex(), offset, buf, len);
                    offset += len;
                    len = 0;
                    buf = new byte[blockBytes];
                    return b;
                }
                int cut = documents.lastCut(buf, 0, len);
                if (cut <= 0) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                    continue;
                }
                byte[] rest = new byte[Math.max(blockBytes, len - cut + 1)];
                System.arraycopy(buf, cut, rest, 0, len - cut);
                Block b = new Block(split.fileIndex(), offset, buf, cut);
                offset += cut;
                len -= cut;
                buf = rest;
                return b;
            }
        } catch (IOException e) {
            throw new UserError("cannot read corpus file " + split.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
