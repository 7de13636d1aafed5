/**
 * The run directory, format {@code ntpgeo-run/1}: its one owner, reader and writer side by side. run.json is a
 * {@link org.ntpgeo.run.RunManifest} (dataset path relative to the run, one provenance block; older layouts are
 * read too), {@link org.ntpgeo.run.RunFiles} reads runs and their checkpoints, {@link org.ntpgeo.run.RunDirectory}
 * writes a live run as a transaction (staged, then renamed; locked against a second writer), and
 * {@link org.ntpgeo.run.RunImport} makes runs out of embeddings trained anywhere. The public contract is
 * docs/IMPORT.md.
 */
package org.ntpgeo.run;
