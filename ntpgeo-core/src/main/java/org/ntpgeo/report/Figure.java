package org.ntpgeo.report;

import java.nio.file.Path;
import org.ntpgeo.io.AtomicFiles;

/**
 * One figure as PNG and SVG bytes, with the file stem and a caption for the page.
 *
 * @param name    file stem under figures/ (letters, digits, '-')
 * @param caption what the figure shows, axes and colour scale
 */
public record Figure(String name, String title, String caption, byte[] png, byte[] svg, int width, int height) {
    /** Write {@code dir/name.png} and {@code dir/name.svg} atomically. */
    public void write(Path dir) {
        AtomicFiles.write(dir.resolve(name + ".png"), out -> out.write(png));
        AtomicFiles.write(dir.resolve(name + ".svg"), out -> out.write(svg));
    }
}
