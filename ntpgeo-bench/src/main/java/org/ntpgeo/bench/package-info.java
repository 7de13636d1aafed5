/**
 * Benchmarks against in-process baselines, behind {@code ntpgeo bench ...}: the dataset builder against a plain
 * HashMap counter ({@link org.ntpgeo.bench.DataBenchmark}), the UFM step against the dgemm peak
 * ({@link org.ntpgeo.bench.UfmBenchmark}), a fixture run for timing the analysis ({@link org.ntpgeo.bench.SyntheticRun})
 * and the neural models' epochs ({@link org.ntpgeo.bench.NeuralBench}, compared with PyTorch by
 * bench/neural_bench.sh). {@link org.ntpgeo.bench.Machine} reads the process CPU time, peak RSS and load that the
 * reports state next to wall-clock times. Not part of the library: ntpgeo-core knows nothing of this module.
 */
package org.ntpgeo.bench;
