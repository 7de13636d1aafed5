package org.ntpgeo.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;

/**
 * Streams corpus files through the counting stages: reads each file in chunks cut at document boundaries,
 * checks that the bytes are UTF-8 text (no NUL byte, strict decoding), counts chunks on worker threads and
 * merges their counts in text order on the calling thread. Memory holds a few chunks plus the distinct tokens
 * and windows, never the whole corpus. Also hashes every file (sha256) on a thread of its own that reads the
 * file a second time (from the page cache, in the common case), so that hashing never makes a counting worker
 * wait; the hashed length must equal the counted one (a file that changed while being read is an error).
 */
public final class CorpusCounter {
    /** A corpus file as read: its path as given, size and sha256. */
    public record InputFile(String path, long bytes, String sha256) {}

    /** The counts plus the inputs they came from. */
    public record Result(CorpusCounts counts, List<InputFile> inputs) {}

    public static final int DEFAULT_CHUNK_BYTES = 8 << 20;

    private final Tokenizer tokenizer;
    private final DocumentSplitter documents;
    private final Windows windows;
    private final int contextLength;
    private final int threads;
    private final int chunkBytes;
    /**
     * The longest chunk of the current count: {@code chunkBytes}, or less for a smaller input, so that a small
     * input does not allocate (and fault in) arrays sized for a full chunk.
     */
    private volatile int blockBytes;
    /** The fused byte path for the word and whitespace tokenizers, else null (decode, split, tokenize). */
    private final Utf8Scanner scanner;
    private final ThreadLocal<ChunkCounts.Scratch> scratch = ThreadLocal.withInitial(() -> new ChunkCounts.Scratch(blockBytes / 4));
    /** Block arrays that counted chunks gave back, for the next blocks (no new arrays, no page faults). */
    private final ArrayBlockingQueue<byte[]> freeBlocks;
    /**
     * The window counter of each worker thread, which counts the windows of all its chunks (so that the merge
     * meets a window once per worker, not once per chunk); first sized for a distinct window per 64 bytes of a chunk.
     */
    private final ThreadLocal<WindowCounter> windowCounter = ThreadLocal.withInitial(
            () -> new WindowCounter(Math.max(1, contextLength()), Math.max(1024, blockBytes / 64)));

    public CorpusCounter(Tokenizer tokenizer, DocumentSplitter documents, Windows windows, int contextLength,
                         int threads, int chunkBytes) {
        this.tokenizer = tokenizer;
        this.documents = documents;
        this.windows = windows;
        this.contextLength = contextLength;
        this.threads = Math.max(1, threads);
        this.chunkBytes = Math.max(64, chunkBytes);
        this.blockBytes = this.chunkBytes;
        this.scanner = Utf8Scanner.supports(tokenizer) ? new Utf8Scanner(tokenizer, documents) : null;
        this.freeBlocks = new ArrayBlockingQueue<>(this.threads + 3);
    }

    private int contextLength() {
        return contextLength;
    }

    private byte[] allocateBlock(int min) {
        byte[] b = freeBlocks.poll();
        return b != null && b.length >= min ? b : new byte[Math.max(min, blockBytes)];
    }

    public CorpusCounter(Tokenizer tokenizer, DocumentSplitter documents, Windows windows, int contextLength) {
        this(tokenizer, documents, windows, contextLength, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK_BYTES);
    }

    /** Fail early with a one-line message when a file is missing, not a regular file, or unreadable. */
    public static void checkReadable(List<Path> files) {
        if (files.isEmpty()) throw new OptionError("no corpus file given ({corpus} FILE...)");
        for (Path f : files) {
            if (!Files.exists(f)) throw new UserError("corpus file not found: " + f);
            if (!Files.isRegularFile(f)) throw new UserError("corpus is not a regular file: " + f);
            if (!Files.isReadable(f)) throw new UserError("corpus file is not readable: " + f);
        }
    }

    private record Chunk(Path file, long fileOffset, byte[] bytes, int length) {}

    /** The sha256 of {@code file} and the number of bytes it hashed. */
    private record Digest(String sha256, long bytes) {}

    private static Digest digestOf(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 20];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; total += r) sha.update(buf, 0, r);
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), total);
    }

    public Result count(List<Path> files, Progress progress) {
        checkReadable(files);
        // a chunk holds whole documents, so one may be longer than the file's size hint; blocks then grow
        blockBytes = (int) Math.max(64, Math.min(chunkBytes, totalBytes(files) + 1));
        CorpusCounts counts = new CorpusCounts(contextLength);
        List<InputFile> inputs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ntpgeo-count");
            t.setDaemon(true);
            return t;
        });
        ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ntpgeo-sha256");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<ChunkCounts>> inFlight = new ArrayDeque<>();
        List<Future<Digest>> digests = new ArrayList<>();
        long[] merged = {0};
        try {
            for (Path file : files) digests.add(hasher.submit(() -> digestOf(file)));
            List<Long> sizes = new ArrayList<>();
            for (Path file : files) {
                long size = size(file);
                try (InputStream in = Files.newInputStream(file)) {
                    DocumentBlocks blocks = DocumentBlocks.of(in, documents, blockBytes, null, this::allocateBlock)
                            .withBlockBytesAt(at -> blockBytesAt(at, size));
                    for (DocumentBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
                        submit(pool, inFlight, new Chunk(file, b.offset(), b.bytes(), b.length()), counts, merged, progress);
                    }
                    sizes.add(blocks.position());
                } catch (IOException e) {
                    throw new UserError("cannot read corpus file " + file + ": " + e.getMessage(), e);
                }
            }
            while (!inFlight.isEmpty()) mergeHead(inFlight, counts, merged, progress);
            for (int i = 0; i < files.size(); i++) {
                Digest d = result(digests.get(i), files.get(i));
                if (d.bytes() != sizes.get(i)) {
                    throw new UserError("corpus file " + files.get(i) + " changed while being read (" + sizes.get(i)
                            + " bytes counted, " + d.bytes() + " hashed)");
                }
                inputs.add(new InputFile(files.get(i).toString(), sizes.get(i), d.sha256()));
            }
            counts.finish();
        } finally {
            for (Future<ChunkCounts> f : inFlight) f.cancel(true);
            for (Future<Digest> f : digests) f.cancel(true);
            pool.shutdownNow();
            hasher.shutdownNow();
        }
        return new Result(counts, inputs);
    }

    private static Digest result(Future<Digest> digest, Path file) {
        try {
            return digest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw new UserError("cannot read corpus file " + file + ": " + io.getMessage(), io);
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void submit(ExecutorService pool, ArrayDeque<Future<ChunkCounts>> inFlight, Chunk chunk,
                        CorpusCounts counts, long[] merged, Progress progress) {
        while (inFlight.size() > threads) mergeHead(inFlight, counts, merged, progress);
        CorpusCounts.TokenIds ids = counts.tokenIds();
        inFlight.add(pool.submit(() -> {
            try {
                return countChunk(chunk, ids);
            } finally {
                freeBlocks.offer(chunk.bytes());
            }
        }));
    }

    private void mergeHead(ArrayDeque<Future<ChunkCounts>> inFlight, CorpusCounts counts, long[] merged,
                                  Progress progress) {
        ChunkCounts c;
        try {
            c = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
        counts.add(c);
        merged[0] += c.bytes;
        progress.update(merged[0], counts.distinctTokensSoFar() + " distinct tokens");
    }

    /**
     * Distinct windows after which a worker hands its window counter over to the merge and starts a new one, so
     * that a worker's memory stays bounded (about 100 MB per counter at T = 6) on corpora where most windows are
     * new (each counter's counts are added once, when the merge reaches its last chunk).
     */
    static final int RETIRE_COUNTER_AT = 1 << 20;
    private int retireCounterAt = RETIRE_COUNTER_AT;

    /** Another threshold for {@link #RETIRE_COUNTER_AT} (tests). */
    void retireCounterAt(int distinctWindows) {
        this.retireCounterAt = distinctWindows;
    }

    private ChunkCounts countChunk(Chunk chunk, CorpusCounts.TokenIds ids) {
        ChunkCounts c;
        if (scanner != null) {
            c = scanner.count(chunk.file().toString(), chunk.fileOffset(), chunk.bytes(), chunk.length(), windows, contextLength,
                    scratch.get(), ids, windowCounter.get());
        } else {
            CharBuffer out = CorpusText.decode(chunk.file().toString(), chunk.fileOffset(), chunk.bytes(), chunk.length());
            c = ChunkCounts.count(out.array(), 0, out.position(), tokenizer, documents, windows, contextLength, ids,
                    windowCounter.get());
        }
        c.bytes = chunk.length();
        if (c.windows.size() > retireCounterAt) {
            c.lastOfCounter = true;
            windowCounter.remove();
        }
        return c;
    }

    /**
     * The chunk length for a chunk at {@code offset} of a file of {@code size} bytes: small first chunks (1 MB, then
     * doubling with the offset) so that every worker starts soon, and near the end the rest shared out among the
     * workers (never under 1 MB), so that they finish together; {@code chunkBytes} in between.
     */
    private int blockBytesAt(long offset, long size) {
        long min = Math.min(blockBytes, 1 << 20);
        long want = Math.min(blockBytes, Math.min(offset + min, (size - offset) / threads));
        return (int) Math.max(min, want);
    }

    /** Total size of the files in bytes (for progress bars). */
    public static long totalBytes(List<Path> files) {
        checkReadable(files);
        long total = 0;
        for (Path f : files) total += size(f);
        return total;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UserError("cannot read corpus file " + f + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
