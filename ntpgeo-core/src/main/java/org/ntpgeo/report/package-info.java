/**
 * Figures (XChart line charts, heatmaps drawn with Java2D) and the self-contained HTML reports of
 * {@code ntpgeo analyze} and {@code ntpgeo report compare}. No maths here: every number comes from
 * org.ntpgeo.geometry.
 */
package org.ntpgeo.report;
