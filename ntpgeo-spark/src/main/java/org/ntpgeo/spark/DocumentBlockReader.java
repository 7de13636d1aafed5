package org.ntpgeo.spark;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.DocumentBlocks;
import org.ntpgeo.data.DocumentSplitter;

/**
 * Reads the documents of one {@link CorpusSplit} as blocks of whole documents (raw bytes).
 *
 * <p>A position p of a file is a <em>cut</em> when the bytes before it end at a document boundary in the sense
 * of {@link DocumentSplitter#lastCut} (after a line feed; after an empty line; after an end-of-text marker), or
 * p is 0 or the file length. A split {@code [start, end)} owns the bytes from the first cut at or after
 * {@code start} to the first cut at or after {@code end}. Adjacent splits therefore meet at the same cut, every
 * byte belongs to exactly one split, and every block is a sequence of whole documents, so splitting the blocks
 * separately equals splitting the whole file. The blocks inside a split come from {@link DocumentBlocks}, the
 * reader of the single-machine builder.
 */
public final class DocumentBlockReader implements Iterator<DocumentBlockReader.Block>, Closeable {
    /** Bytes of context a cut test needs: the longest pattern is the 13-byte end-of-text marker. */
    static final int LOOK_BEHIND = 16;

    /** A block of whole documents: its byte offset in the file and its bytes {@code [0, length)}. */
    public record Block(int fileIndex, long offset, byte[] bytes, int length) {}

    private final CorpusSplit split;
    private final FSDataInputStream in;
    private final DocumentBlocks blocks;
    private Block next;

    public DocumentBlockReader(CorpusSplit split, DocumentSplitter documents, Configuration conf, int blockBytes) {
        this.split = split;
        try {
            Path p = new Path(URI.create(split.uri()));
            FileSystem fs = p.getFileSystem(conf);
            in = fs.open(p);
            long s = firstCutAtOrAfter(in, split.start(), split.fileLength(), documents);
            long end = firstCutAtOrAfter(in, split.end(), split.fileLength(), documents);
            in.seek(s);
            blocks = new DocumentBlocks(in, s, end, documents, Math.max(LOOK_BEHIND * 4, blockBytes), null);
        } catch (IOException e) {
            throw new UserError("cannot read corpus file " + split.name() + ": " + e.getMessage(), e);
        }
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
        if (next == null) {
            try {
                DocumentBlocks.Block b = blocks.next();
                if (b != null) next = new Block(split.fileIndex(), b.offset(), b.bytes(), b.length());
            } catch (IOException e) {
                throw new UserError("cannot read corpus file " + split.name() + ": " + e.getMessage(), e);
            }
        }
        return next != null;
    }

    @Override
    public Block next() {
        if (!hasNext()) throw new NoSuchElementException();
        Block b = next;
        next = null;
        return b;
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
