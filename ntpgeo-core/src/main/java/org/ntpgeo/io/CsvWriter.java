package org.ntpgeo.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * CSV time series. {@link #writeAll} replaces a file atomically; {@link #append} adds one row to a log that
 * grows during training (each row is written and flushed whole; a reader may see fewer rows, never half a row
 * except after a hard crash, which {@code readRows} callers tolerate by dropping an incomplete last line).
 */
public final class CsvWriter {
    private CsvWriter() {}

    public static String format(Object v) {
        if (v instanceof Double d) return formatDouble(d);
        if (v instanceof Float f) return formatDouble(f.doubleValue());
        return String.valueOf(v);
    }

    /** Shortest round-trip representation; NaN/inf are written as nan/inf (pandas and numpy read them). */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }

    public static String line(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(format(values.get(i)));
        }
        return sb.append('\n').toString();
    }

    public static void writeAll(Path file, List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder(line(header));
        for (List<?> r : rows) sb.append(line(r));
        AtomicFiles.writeString(file, sb.toString());
    }

    public static void append(Path file, List<?> row) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(line(row));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
