package org.ntpgeo.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.ntpgeo.data.DocumentSplitter;
import org.ntpgeo.data.Windows;

/** What every counting task needs: the document, window and tokenizer rules, T, block size, Hadoop settings. */
public record PassConfig(DocumentSplitter documents, Windows windows, int contextLength, TokenizerSpec tokenizer,
                         int blockBytes, Broadcast<HadoopConf> hadoop) implements Serializable {}
