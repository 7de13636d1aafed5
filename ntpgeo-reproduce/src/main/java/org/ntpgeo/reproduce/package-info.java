/**
 * End-to-end reproduction of the paper's experiments (issue 6, docs/REPRODUCTION.md): each {@link
 * org.ntpgeo.reproduce.Experiment} builds or synthesises its dataset, and the shared {@link
 * org.ntpgeo.reproduce.ExperimentPipeline} solves NTP-SVM* and the regularisation path, trains the UFM and (where the
 * neural provider is on the class path) the transformer and LSTM, analyses every run and writes one report per
 * run, a comparison page per experiment and an index page over all experiments ({@link
 * org.ntpgeo.reproduce.Reproduction}).
 */
package org.ntpgeo.reproduce;
