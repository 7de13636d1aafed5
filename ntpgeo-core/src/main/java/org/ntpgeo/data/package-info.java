/**
 * NTP datasets: the {@link org.ntpgeo.data.NtpDataset} model and its files, and the corpus-to-dataset pipeline.
 *
 * <p>The pipeline is a chain of small pure stages that a distributed job can call one by one (docs/DATA.md
 * specifies each): {@link org.ntpgeo.data.Tokenizer} (whitespace, word, char, bpe), {@link
 * org.ntpgeo.data.DocumentSplitter} (line, blank-line, eot), {@link org.ntpgeo.data.Windows} (sliding, first),
 * counting into a {@link org.ntpgeo.data.GramTable}, and {@link org.ntpgeo.data.ContextAssembler} (vocabulary cap,
 * grouping into contexts, filters, id assignment). {@link org.ntpgeo.data.CorpusCounter} runs the first stages
 * over files in parallel chunks; {@link org.ntpgeo.data.CorpusDatasetBuilder} ties it all together.
 */
package org.ntpgeo.data;
