/**
 * Training on the NTP objective of theory.md: the {@link org.ntpgeo.train.Trainer} loop (learning-rate and
 * log schedules, metrics.csv, checkpoints, bit-exact resume, Ctrl-C, divergence detection), the UFM
 * ({@link org.ntpgeo.train.UfmModel}, free W and H on native BLAS), its soft-label cross-entropy kernel
 * ({@link org.ntpgeo.train.NtpObjective}) and the optimisers gd, ngd, adam, adamw. Neural models plug in
 * through {@link org.ntpgeo.train.ModelProvider}.
 */
package org.ntpgeo.train;
