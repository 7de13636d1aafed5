package org.ntpgeo.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numpy {@code .npy} format, version 1.0 (little-endian), reading and writing. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 16;

    private Npy() {}

    /** Atomically write one array to a {@code .npy} file. */
    public static void write(Path file, NdArray array) {
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static NdArray read(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), CHUNK)) {
            return read(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static int unicodeWidth(String[] strings) {
        int w = 1;
        for (String s : strings) w = Math.max(w, s.codePointCount(0, s.length()));
        return w;
    }

    static String header(NdArray a) {
        String descr = a.dtype() == NdArray.DType.UNICODE ? "<U" + unicodeWidth(a.asStrings()) : a.dtype().descr;
        return header(descr, a.fortranOrder(), a.shape());
    }

    private static String header(String descr, boolean fortranOrder, long[] s) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]);
            if (s.length == 1 || i < s.length - 1) shape.append(", ");
        }
        shape.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        return dict + " ".repeat(pad) + "\n";
    }

    /** Bytes the array will occupy as a .npy stream. */
    public static long byteSize(NdArray a) {
        long item = a.dtype() == NdArray.DType.UNICODE ? 4L * unicodeWidth(a.asStrings()) : a.dtype().itemSize;
        return MAGIC.length + 4 + header(a).length() + item * a.size();
    }

    private static void writePreamble(OutputStream out, String header) throws IOException {
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    /** Fills {@code column} (length rows) with column {@code j} of a matrix that is written without being held whole. */
    @FunctionalInterface
    public interface ColumnSource {
        void fill(int j, double[] column);
    }

    /**
     * Atomically writes a rows x cols float64 matrix, column by column, to a Fortran-ordered {@code .npy} file (numpy
     * reads it as the rows x cols array); only one column is held at a time.
     */
    public static void writeColumns(Path file, int rows, int cols, ColumnSource source) {
        AtomicFiles.write(file, out -> {
            writePreamble(out, header(NdArray.DType.FLOAT64.descr, true, new long[] {rows, cols}));
            double[] col = new double[rows];
            ByteBuffer buf = ByteBuffer.allocate(Math.max(CHUNK, 8 * rows)).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < cols; j++) {
                source.fill(j, col);
                if (buf.remaining() < 8 * rows) flush(out, buf);
                buf.asDoubleBuffer().put(col);
                buf.position(buf.position() + 8 * rows);
            }
            flush(out, buf);
        });
    }

    public static void write(OutputStream out, NdArray a) throws IOException {
        writePreamble(out, header(a));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        Object data = a.data();
        switch (a.dtype()) {
            // bulk copies (one call per buffer-full), not a loop per element
            case FLOAT64: { double[] d = (double[]) data; for (int i = 0; i < d.length; ) { int n = Math.min(d.length - i, CHUNK / 8); buf.asDoubleBuffer().put(d, i, n); buf.position(8 * n); flush(out, buf); i += n; } break; }
            case FLOAT32: { float[] d = (float[]) data; for (int i = 0; i < d.length; ) { int n = Math.min(d.length - i, CHUNK / 4); buf.asFloatBuffer().put(d, i, n); buf.position(4 * n); flush(out, buf); i += n; } break; }
            case INT64: { long[] d = (long[]) data; for (int i = 0; i < d.length; ) { int n = Math.min(d.length - i, CHUNK / 8); buf.asLongBuffer().put(d, i, n); buf.position(8 * n); flush(out, buf); i += n; } break; }
            case INT32: { int[] d = (int[]) data; for (int i = 0; i < d.length; ) { int n = Math.min(d.length - i, CHUNK / 4); buf.asIntBuffer().put(d, i, n); buf.position(4 * n); flush(out, buf); i += n; } break; }
            case BOOL: for (boolean v : (boolean[]) data) { if (buf.remaining() < 1) flush(out, buf); buf.put((byte) (v ? 1 : 0)); } break;
            case UNICODE: {
                String[] strings = (String[]) data;
                int w = unicodeWidth(strings);
                for (String s : strings) {
                    int at = 0;
                    for (int i = 0; i < w; i++) {
                        if (buf.remaining() < 4) flush(out, buf);
                        int cp = 0;
                        if (at < s.length()) {
                            cp = s.codePointAt(at);
                            at += Character.charCount(cp);
                        }
                        buf.putInt(cp);
                    }
                }
                break;
            }
            default: throw new IllegalStateException();
        }
        flush(out, buf);
    }

    private static void flush(OutputStream out, ByteBuffer buf) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static NdArray read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException("not a .npy stream");
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int hlen;
        if (major == 1) {
            hlen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
        } else {
            byte[] b = new byte[4];
            in.readFully(b);
            hlen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        byte[] hb = new byte[hlen];
        in.readFully(hb);
        String header = new String(hb, StandardCharsets.ISO_8859_1);
        Matcher md = DESCR.matcher(header), mf = FORTRAN.matcher(header), ms = SHAPE.matcher(header);
        if (!md.find() || !mf.find() || !ms.find()) throw new IOException("bad .npy header: " + header.trim());
        String descr = md.group(1);
        boolean fortran = mf.group(1).equals("True");
        List<Long> dims = new ArrayList<>();
        for (String part : ms.group(1).split(",")) if (!part.isBlank()) dims.add(Long.parseLong(part.trim()));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long d : shape) n *= d;
        int count = Math.toIntExact(n);
        if (descr.startsWith(">")) throw new IOException("big-endian .npy arrays are not supported");
        String kind = descr.replace("<", "").replace("|", "").replace("=", "");
        switch (kind) {
            case "f8": { double[] d = new double[count]; ByteBuffer bb = readBytes(in, 8L * count); bb.asDoubleBuffer().get(d); return NdArray.raw(NdArray.DType.FLOAT64, shape, fortran, d); }
            case "f4": { float[] d = new float[count]; ByteBuffer bb = readBytes(in, 4L * count); bb.asFloatBuffer().get(d); return NdArray.raw(NdArray.DType.FLOAT32, shape, fortran, d); }
            case "i8": { long[] d = new long[count]; ByteBuffer bb = readBytes(in, 8L * count); bb.asLongBuffer().get(d); return NdArray.raw(NdArray.DType.INT64, shape, fortran, d); }
            case "i4": { int[] d = new int[count]; ByteBuffer bb = readBytes(in, 4L * count); bb.asIntBuffer().get(d); return NdArray.raw(NdArray.DType.INT32, shape, fortran, d); }
            case "b1": case "?": { boolean[] d = new boolean[count]; ByteBuffer bb = readBytes(in, count); for (int i = 0; i < count; i++) d[i] = bb.get(i) != 0; return NdArray.raw(NdArray.DType.BOOL, shape, fortran, d); }
            default:
                if (kind.startsWith("U")) {
                    int w = Integer.parseInt(kind.substring(1));
                    ByteBuffer bb = readBytes(in, 4L * w * count);
                    String[] s = new String[count];
                    for (int i = 0; i < count; i++) {
                        StringBuilder sb = new StringBuilder();
                        for (int k = 0; k < w; k++) {
                            int cp = bb.getInt((i * w + k) * 4);
                            if (cp == 0) break;
                            sb.appendCodePoint(cp);
                        }
                        s[i] = sb.toString();
                    }
                    return NdArray.raw(NdArray.DType.UNICODE, shape, fortran, s);
                }
                throw new IOException("unsupported .npy dtype " + descr);
        }
    }

    private static ByteBuffer readBytes(DataInputStream in, long n) throws IOException {
        byte[] b = new byte[Math.toIntExact(n)];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Serialise to a byte array (used by the npz writer, which needs sizes and CRCs up front). */
    static byte[] toBytes(NdArray a) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, byteSize(a)));
        write(bos, a);
        return bos.toByteArray();
    }
}
