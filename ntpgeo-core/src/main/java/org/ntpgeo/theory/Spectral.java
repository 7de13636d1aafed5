package org.ntpgeo.theory;

import org.ntpgeo.linalg.GramSvd;
import org.ntpgeo.linalg.GramWorkspace;
import org.ntpgeo.linalg.Matrix;

/**
 * The spectral work of the solvers ({@link GramSvd}: thresholding, polar factors, spectral and nuclear norms) with
 * a stopwatch, so that the solvers can report the time spent in it (the "SVD time" of svm.json and path.json), and
 * an optional {@link GramWorkspace} (off-heap buffers, owned by the caller) for the iterates' shape.
 */
final class Spectral {
    private final GramWorkspace workspace;
    private long nanos;

    Spectral() {
        this(null);
    }

    Spectral(GramWorkspace workspace) {
        this.workspace = workspace;
    }

    double seconds() {
        return nanos / 1e9;
    }

    /** Adds time measured outside (e.g. a LAPACK SVD the caller ran itself). */
    void add(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    GramSvd.Thresholded shrink(Matrix y, double tau) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.threshold(y, tau, new Matrix(y.rows, y.cols), workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    GramSvd.Thresholded shrinkInto(Matrix y, double tau, Matrix out) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.threshold(y, tau, out, workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    GramSvd.Polar polar(Matrix y, double relCut) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.polar(y, relCut, workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    double spectralNorm(Matrix y) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.spectralNorm(y, workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    double nuclearNorm(Matrix y) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.nuclearNorm(y, workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    double[] singularValues(Matrix y) {
        long t0 = System.nanoTime();
        try {
            return GramSvd.singularValues(y, workspace);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }
}
