/**
 * Geometry metrics of trained NTP models against the theory (docs/theory.md "Metrics", "Claims"): reading
 * training runs ({@link org.ntpgeo.geometry.RunReader}), the theory references L_in, S~, L_mm
 * ({@link org.ntpgeo.geometry.TheoryReference}), per-checkpoint metrics ({@link org.ntpgeo.geometry.CheckpointAnalyzer}),
 * subspace collapse with its shuffled-label null ({@link org.ntpgeo.geometry.SubspaceCollapse}), the regularisation
 * path as a reference ({@link org.ntpgeo.geometry.PathReference}), trends ({@link org.ntpgeo.geometry.Trend}) and the
 * claims C1-C4 with their baselines ({@link org.ntpgeo.geometry.Claims}); negative-control runs
 * ({@link org.ntpgeo.geometry.ControlRuns}). All maths lives here; org.ntpgeo.report only draws and writes.
 */
package org.ntpgeo.geometry;
