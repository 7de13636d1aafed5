package org.ntpgeo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy {@code .npz} archives: a zip of {@code name.npy} entries, uncompressed, as {@code numpy.savez} writes.
 * Entries are written in the map's order with a fixed timestamp, so equal arrays give byte-identical files.
 */
public final class Npz {
    private static final long FIXED_TIME = 315532800000L + 86_400_000L; // 1980-01-02, valid for DOS dates

    private Npz() {}

    /** Atomically write the arrays (insertion order is kept) to {@code file}. */
    public static void write(Path file, Map<String, NdArray> arrays) {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                byte[] bytes = Npy.toBytes(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setTime(FIXED_TIME);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Read every array of an archive, keyed by name without the {@code .npy} suffix, in archive order. */
    public static Map<String, NdArray> read(Path file) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (!name.endsWith(".npy")) continue;
                try (var in = new java.io.BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    out.put(name.substring(0, name.length() - 4), Npy.read(in));
                }
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as .npz: " + e.getMessage(), e);
        }
        return out;
    }
}
