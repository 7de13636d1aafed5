/** Timing of the neural models' full-batch epoch at the paper's size (a command, not a test). */
package org.ntpgeo.neural.bench;
