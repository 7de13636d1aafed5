package org.ntpgeo.spark;

import java.io.Serializable;

/**
 * A byte range {@code [start, end)} of input file number {@code fileIndex} (in the order the files were given; {@code name} as given, for messages).
 * The task that reads it moves both ends forward to the next document boundary (see {@link DocumentBlockReader}),
 * so consecutive splits of a file cover every document exactly once.
 */
public record CorpusSplit(int fileIndex, String name, String uri, long start, long end, long fileLength) implements Serializable {}
