package org.ntpgeo.theory;

import java.util.Locale;
import org.ntpgeo.common.Progress;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.NativeBlas;
import org.ntpgeo.linalg.Svd;

/**
 * Exact NTP-SVM* solver: L_mm = argmin ||L||_* over the margin set C (see {@link MarginConstraints}), with a
 * proof of optimality. The maths is in docs/THEORY-ENGINE.md; in short the dual is
 * max <Lambda, S> over Lambda in K with ||Lambda||_2 <= 1, and any such Lambda bounds the optimum from below.
 *
 * <ol>
 *   <li>No off-support entry at all: C is the set of column-constant matrices, L_mm = 0 (method "trivial").</li>
 *   <li>Prop. 3: if A = U V^T from the SVD of S~ is <= 0 off the supports, A is a dual point with objective
 *       ||S~||_*, so L_mm = S~ (method "prop3-certificate", no iterations).</li>
 *   <li>Otherwise ADMM on min ||X||_* + indicator_C(Z) s.t. X = Z, warm-started at Z = S~, U = -A/rho: X-step =
 *       singular value thresholding (Gram eigen-decomposition, {@link Spectral}), Z-step = exact projection onto
 *       C, scaled dual U; rho adapted by residual balancing. Every few iterations -rho U (which lies in K by
 *       construction of the Z-step) is repaired to lie exactly in K and scaled to spectral norm 1, giving a
 *       certified lower bound d; the primal value p = ||Z||_* of the feasible Z is computed with LAPACK singular
 *       values when the estimated gap is small. Stops when (p - d) / p <= gap tolerance.</li>
 * </ol>
 */
public final class NtpSvmSolver {
    private static final int CHECK_EVERY = 5;
    static final long SMALL_PROBLEM_ENTRIES = 1_000_000L;
    static final long LARGE_PROBLEM_ENTRIES = 4_000_000L;
    /** Initial ADMM penalty rho = RHO_SCALE * min(V, m) / ||S~||_* (0.5 measured best of 0.25..4). */
    static final double RHO_SCALE = Double.parseDouble(System.getProperty("ntpgeo.svm.rhoScale", "0.5"));
    /** ADMM over-relaxation factor (1 = plain ADMM; 1.5-1.8 usually saves iterations). */
    static final double RELAX = Double.parseDouble(System.getProperty("ntpgeo.svm.relax", "1.6"));

    private NtpSvmSolver() {}

    public static SvmSolution solve(NtpDataset ds, SvmOptions options) {
        // Small problems: one BLAS thread (multi-threaded OpenBLAS on tiny matrices mostly waits for its threads,
        // badly so on a shared machine). The previous setting is restored afterwards.
        boolean small = (long) ds.vocabSize() * ds.contextCount() < SMALL_PROBLEM_ENTRIES;
        int previous = NativeBlas.threads();
        if (small) NativeBlas.setThreads(1);
        try {
            return solveWithCurrentThreads(ds, options);
        } finally {
            if (small) NativeBlas.setThreads(previous);
        }
    }

    private static SvmSolution solveWithCurrentThreads(NtpDataset ds, SvmOptions options) {
        long start = System.nanoTime();
        int v = ds.vocabSize(), m = ds.contextCount();
        MarginConstraints cons = new MarginConstraints(ds);
        Spectral spectral = new Spectral();
        if (!cons.hasMarginConstraint()) {
            return new SvmSolution(new Matrix(v, m), new Matrix(v, m), 0, 0, 0, true, true, 0, 0, 0, 0, elapsed(start), 0,
                    "trivial", Double.NEGATIVE_INFINITY, 0);
        }
        Matrix sTilde = ClosedForms.centeredSupport(ds);
        long t0 = System.nanoTime();
        Matrix a;
        int r0;
        double nucS = 0;
        if ((long) v * m <= LARGE_PROBLEM_ENTRIES) {
            Svd svd = Svd.of(sTilde);
            r0 = ClosedForms.numericalRank(svd.s, v, m);
            a = svd.reconstruct(r0, s -> 1.0);
            for (int i = 0; i < r0; i++) nucS += svd.s[i];
        } else {
            // Large: the polar factor from the Gram eigen-decomposition (one syrk + dsyevd + one gemm instead of a
            // full dgesdd with singular vectors). Gram eigenvalues carry absolute errors ~ n eps s_max^2, so the
            // rank cut is at 1e-6 s_max. Any rounding here only affects the warm start and the Prop. 3 test; the
            // reported gap comes from the repaired, rescaled dual point below.
            Spectral.Polar polar = spectral.polar(sTilde, 1e-6);
            a = polar.a();
            r0 = polar.rank();
            nucS = polar.nuclearNorm();
        }
        double svdNanos = System.nanoTime() - t0;
        double maxOff = ClosedForms.maxOffSupport(ds, a);

        // Dual bound from A itself (always valid after repair + scaling).
        Matrix lambda0 = a.copy();
        cons.repairDualInPlace(lambda0);
        double norm0 = spectral.spectralNorm(lambda0);
        double d0 = norm0 > 0 ? cons.dualObjective(lambda0) / norm0 : 0;
        if (norm0 > 0) lambda0.scaleInPlace(1 / norm0);

        if (maxOff <= ClosedForms.CERTIFICATE_TOLERANCE) {
            double gap = relGap(nucS, d0);
            return finish(sTilde, lambda0, nucS, d0, r0, true, gap, options, cons, 0, start, svdNanos / 1e9 + spectral.seconds(),
                    "prop3-certificate", maxOff, nucS);
        }
        return admm(ds, options, cons, spectral, sTilde, a, lambda0, nucS, d0, maxOff, start, svdNanos);
    }

    private static SvmSolution admm(NtpDataset ds, SvmOptions o, MarginConstraints cons, Spectral spectral, Matrix sTilde,
                                    Matrix a, Matrix lambda0, double nucS, double d0, double maxOff, long start, double svdNanos) {
        int v = ds.vocabSize(), m = ds.contextCount();
        double rho = RHO_SCALE / Math.max(1e-3, nucS / Math.min(v, m));
        Matrix z = sTilde.copy();
        Matrix zOld = new Matrix(v, m);
        Matrix u = a.scaleInPlace(-1.0 / rho); // a is not needed afterwards
        Matrix y = new Matrix(v, m);
        Matrix x = new Matrix(v, m);
        double bestD = d0, bestP = nucS;
        Matrix bestLambda = lambda0;
        Matrix bestZ = sTilde;
        double gap = relGap(bestP, bestD);
        int it = 0;
        double gap0 = Math.max(gap, o.gapTolerance() * 10);
        // the bar advances with log(gap): from the S~ gap at 0% to the tolerance at 100%
        try (Progress bar = Progress.of("svm", 1000, o.progress())) {
            while (gap > o.gapTolerance() && it < o.maxIterations()) {
                if (o.timeLimitSeconds() > 0 && elapsed(start) > o.timeLimitSeconds()) break;
                it++;
                double[] zd = z.data, ud = u.data, yd = y.data, xd = x.data;
                int len = zd.length;
                for (int k = 0; k < len; k++) yd[k] = zd[k] - ud[k];
                Spectral.Shrunk sh = spectral.shrinkInto(y, 1.0 / rho, x);
                // over-relaxed: W = a X + (1 - a) Z + U (into y), Z = P_C(W), U = W - Z
                for (int k = 0; k < len; k++) yd[k] = RELAX * xd[k] + (1 - RELAX) * zd[k] + ud[k];
                Matrix swap = zOld;
                zOld = z;
                z = swap;
                System.arraycopy(yd, 0, z.data, 0, len);
                cons.projectInPlace(z);
                zd = z.data;
                double[] zo = zOld.data;
                double rp = 0, rd = 0, zz = 0, uu = 0;
                for (int k = 0; k < len; k++) {
                    double uk = yd[k] - zd[k];
                    ud[k] = uk;
                    double e = xd[k] - zd[k], f = zd[k] - zo[k];
                    rp += e * e;
                    rd += f * f;
                    zz += zd[k] * zd[k];
                    uu += uk * uk;
                }
                if (!Double.isFinite(rp + rd + zz + uu)) throw new ArithmeticException("NaN in NTP-SVM* iterations");
                double relPrim = Math.sqrt(rp) / Math.max(1e-300, Math.sqrt(zz));
                double relDual = Math.sqrt(rd) / Math.max(1e-300, Math.sqrt(uu));

                if (it % CHECK_EVERY == 0) {
                    Matrix lambda = u.times(-rho);
                    cons.repairDualInPlace(lambda);
                    double nrm = spectral.spectralNorm(lambda);
                    double d = nrm > 0 ? cons.dualObjective(lambda) / nrm : 0;
                    if (d > bestD) {
                        bestD = d;
                        bestLambda = lambda.scaleInPlace(1 / nrm);
                    }
                    double estGap = relGap(sh.nuclearNorm(), bestD);
                    if (Math.abs(estGap) <= o.gapTolerance() * 0.5 || relPrim < o.gapTolerance() * 1e-2) {
                        double p = spectral.nuclearNorm(z);
                        if (p < bestP) {
                            bestP = p;
                            bestZ = z.copy();
                        }
                        gap = relGap(bestP, bestD);
                    }
                    if (o.verbose()) {
                        System.err.printf(Locale.ROOT, "it %5d %7.2fs rho %.3e rank %4d ||X||* %.10f d %.10f p %.10f gap %.2e rp %.1e rd %.1e%n",
                                it, elapsed(start), rho, sh.rank(), sh.nuclearNorm(), bestD, bestP, gap, relPrim, relDual);
                    }
                    double est = Math.max(o.gapTolerance(), Math.min(gap, Math.max(relGap(sh.nuclearNorm(), bestD), 0)));
                    long done = (long) (1000 * Math.min(1, Math.max(0, Math.log(gap0 / est) / Math.log(gap0 / o.gapTolerance()))));
                    bar.update(Math.min(done, 999), String.format(Locale.ROOT, "it %d gap~%.1e rank %d", it, est, sh.rank()));
                }
                // residual balancing
                if (it % 5 == 0) {
                    if (relPrim > 5 * relDual) {
                        rho *= 2;
                        u.scaleInPlace(0.5);
                    } else if (relDual > 5 * relPrim) {
                        rho /= 2;
                        u.scaleInPlace(2);
                    }
                }
            }
        }
        int rank = rankOf(bestZ, spectral, o);
        return finish(bestZ, bestLambda, bestP, bestD, rank, false, relGap(bestP, bestD),
                o, cons, it, start, svdNanos / 1e9 + spectral.seconds(), "admm", maxOff, nucS);
    }

    /** Rank at the solver's accuracy: singular values above gapTolerance * s_max (from the Gram eigenvalues). */
    private static int rankOf(Matrix l, Spectral spectral, SvmOptions o) {
        double[] s;
        if ((long) l.rows * l.cols <= 4_000_000L) {
            s = spectral.singularValues(l);
        } else {
            double[] w = org.ntpgeo.linalg.SymmetricEigen.of(org.ntpgeo.linalg.Blas.gram(l, l.rows > l.cols)).values;
            s = new double[w.length];
            for (int i = 0; i < w.length; i++) s[i] = Math.sqrt(Math.max(0, w[w.length - 1 - i]));
        }
        if (s.length == 0 || s[0] <= 0) return 0;
        int r = 0;
        for (double x : s) if (x > o.gapTolerance() * s[0]) r++;
        return r;
    }

    private static SvmSolution finish(Matrix l, Matrix dual, double p, double d, int rank, boolean certified, double gap, SvmOptions o,
                                      MarginConstraints cons, int iterations, long start, double svdSeconds, String method,
                                      double maxOff, double nucS) {
        double spread = cons.equalitySpread(l);
        double shortfall = cons.marginShortfall(l);
        boolean converged = gap <= o.gapTolerance() && Math.max(spread, shortfall) <= o.feasibilityTolerance();
        return new SvmSolution(l, dual, p, d, rank, certified, converged, gap, spread, shortfall, iterations, elapsed(start),
                svdSeconds, method, maxOff, nucS);
    }

    private static double relGap(double p, double d) {
        if (p <= 0) return d <= 0 ? 0 : Double.POSITIVE_INFINITY;
        return (p - d) / p;
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
