/**
 * Geometry metrics of trained NTP models against the theory (docs/theory.md "Metrics", "Claims"): reading
 * training runs ({@link org.ntpgeo.geometry.RunReader}), the theory references L_in, S~, L_mm
 * ({@link org.ntpgeo.geometry.TheoryReference}), per-checkpoint metrics ({@link org.ntpgeo.geometry.CheckpointAnalyzer}),
 * subspace collapse ({@link org.ntpgeo.geometry.SubspaceCollapse}) and the claims C1-C4
 * ({@link org.ntpgeo.geometry.Claims}). All maths lives here; org.ntpgeo.report only draws and writes.
 */
package org.ntpgeo.geometry;
