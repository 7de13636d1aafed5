/**
 * Training on the NTP objective of theory.md: typed, validated {@link org.ntpgeo.train.TrainingOptions} (enums
 * {@link org.ntpgeo.train.OptimizerKind}, {@link org.ntpgeo.train.Dtype}, {@link org.ntpgeo.train.LrSchedule}),
 * the {@link org.ntpgeo.train.Trainer} loop (learning-rate and log schedules, metrics.csv, checkpoints, bit-exact
 * resume, stop requests, divergence detection, memory preflight; run files through {@link org.ntpgeo.run}), the UFM
 * ({@link org.ntpgeo.train.UfmModel}, free W and H on native BLAS), its soft-label cross-entropy kernel
 * ({@link org.ntpgeo.train.NtpObjective}) and the optimisers gd, ngd, adam, adamw. Each model kind comes from a
 * {@link org.ntpgeo.train.ModelProvider} that owns its defaults, validation and memory estimate; the neural models
 * plug in that way from module ntpgeo-neural.
 */
package org.ntpgeo.train;
