/**
 * The {@code data build} recipe as an Apache Spark job ({@link org.ntpgeo.spark.SparkDatasetBuild}): reads text
 * from any Hadoop file system in document-aligned splits, counts tokens and (context, next-token) windows with
 * the tokenizer, document and window rules of {@link org.ntpgeo.data}, filters distributively and writes the
 * same dataset files, byte for byte, as the single-machine builder. See docs/SPARK.md.
 */
package org.ntpgeo.spark;
