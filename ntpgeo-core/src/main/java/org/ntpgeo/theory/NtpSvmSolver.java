package org.ntpgeo.theory;

import java.util.Locale;
import org.ntpgeo.common.Progress;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.data.SupportClasses;
import org.ntpgeo.linalg.BlasThreads;
import org.ntpgeo.linalg.BlockPool;
import org.ntpgeo.linalg.GramSvd;
import org.ntpgeo.linalg.GramWorkspace;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.Svd;

/**
 * Exact NTP-SVM* solver: L_mm = argmin ||L||_* over the margin set, with a proof of optimality. The maths is in
 * docs/THEORY-ENGINE.md. By default ({@link SvmFormulation#CLASSES}) the problem is solved on one column per support
 * class with margins sqrt(n_c) (min ||M||_* over C_b, L_c = M N^(-1/2)); {@link SvmFormulation#FULL} solves it on one
 * column per context with unit margins and folds the result into classes afterwards. Both run the same algorithm on
 * a {@link MarginConstraints} problem:
 *
 * <ol>
 *   <li>No off-support entry at all: the feasible set is the column-constant matrices, L_mm = 0 (method "trivial").</li>
 *   <li>Prop. 3: if A = U V^T from the SVD of the problem's centred support matrix is <= 0 off the supports, A is a
 *       dual point with objective ||S~||_*, so L_mm = S~ (method "prop3-certificate", no iterations).</li>
 *   <li>Otherwise ADMM on min ||X||_* + indicator_C(Z) s.t. X = Z, warm-started at Z = S~, U = -A/rho: X-step =
 *       singular value thresholding ({@link GramSvd}), Z-step = exact projection onto C, scaled dual U; rho adapted
 *       by residual balancing. Every few iterations -rho U (which lies in K by construction of the Z-step) is repaired
 *       to lie exactly in K and scaled to spectral norm 1, giving a certified lower bound d; the primal value
 *       p = ||Z||_* of the feasible Z is computed when the estimated gap is small. Stops when (p - d) / p <= the gap
 *       tolerance.</li>
 * </ol>
 *
 * <p>The two formulations produce the same iterates: M = L N^(1/2) is an isometry between class-constant V x m
 * matrices and V x C ones that maps the unit-margin set onto C_b, commutes with singular value thresholding and with
 * the column-wise projection, and the full iterates stay class-constant from the class-constant start S~.
 */
public final class NtpSvmSolver {
    static final int CHECK_EVERY = 5;
    /** The regularisation path runs OpenBLAS single-threaded below this many entries (V x m). */
    static final long SMALL_PROBLEM_ENTRIES = 1_000_000L;

    private NtpSvmSolver() {}

    /** Solves NTP-SVM* for {@code ds} with the formulation of {@code options} (support classes by default). */
    public static SvmSolution solve(NtpDataset ds, SvmOptions options) {
        long start = System.nanoTime();
        SupportClasses classes = ds.supportClassIndex();
        MarginConstraints problem = options.formulation() == SvmFormulation.FULL ? MarginConstraints.forContexts(ds)
                : MarginConstraints.forClasses(classes);
        // One OpenBLAS thread (restored afterwards): the large products run as fixed blocks on the pool's threads
        // (GramWorkspace, FixedBlockGemm) and the Z-step on fixed column chunks; those threads block while they
        // wait, where OpenBLAS's own threads spin and cost several-fold on a loaded machine (a 160 x 30000 syrk
        // measured 4-7x slower with 2 threads at load 8). Fixed blocks: results do not depend on the thread count.
        try (BlasThreads single = BlasThreads.single(); BlockPool pool = new BlockPool(Runtime.getRuntime().availableProcessors());
             GramWorkspace ws = problem.hasMarginConstraint() ? new GramWorkspace(problem.vocabSize(), problem.columns(), pool) : null) {
            Spectral spectral = new Spectral(ws);
            Optimum opt = optimise(problem, options, start, spectral, pool);
            if (options.formulation() == SvmFormulation.FULL) opt = foldIntoClasses(opt, classes);
            return solution(opt, classes, options, start, spectral);
        }
    }

    /**
     * The outcome of the algorithm on one problem: the feasible primal (V x columns) and the dual point in K with
     * spectral norm <= 1, their values, and the Prop. 3 test of S~.
     */
    private record Optimum(Matrix primal, Matrix dual, double p, double d, SvmMethod method, int iterations, double svdSeconds,
                           boolean prop3Holds, double maxOffSupportA, double centeredSupportNuclearNorm) {}

    private static Optimum optimise(MarginConstraints problem, SvmOptions options, long start, Spectral spectral, BlockPool pool) {
        int v = problem.vocabSize(), cols = problem.columns();
        if (!problem.hasMarginConstraint()) {
            return new Optimum(new Matrix(v, cols), new Matrix(v, cols), 0, 0, SvmMethod.TRIVIAL, 0, 0, true,
                    Double.NEGATIVE_INFINITY, 0);
        }
        Matrix sTilde = problem.centeredSupport();
        Matrix a;
        double nucS = 0;
        if ((long) v * cols <= GramSvd.DIRECT_SVD_MAX_CELLS) {
            long t0 = System.nanoTime();
            Svd svd = Svd.of(sTilde);
            int r0 = ClosedForms.numericalRank(svd.s, v, cols);
            a = svd.reconstruct(r0, s -> 1.0);
            for (int i = 0; i < r0; i++) nucS += svd.s[i];
            spectral.add(System.nanoTime() - t0);
        } else {
            // Large: the polar factor from the Gram eigen-decomposition (one syrk + dsyevd + one gemm instead of a
            // full dgesdd with singular vectors). Gram eigenvalues carry absolute errors ~ n eps s_max^2, so the
            // rank cut is at 1e-6 s_max. Any rounding here only affects the warm start and the Prop. 3 test; the
            // reported gap comes from the repaired, rescaled dual point below.
            GramSvd.Polar polar = spectral.polar(sTilde, 1e-6);
            a = polar.a();
            nucS = polar.nuclearNorm();
        }
        double maxOff = problem.maxOffSupport(a);

        // Dual bound from A itself (always valid after repair + scaling).
        Matrix lambda0 = a.copy();
        problem.repairDualInPlace(lambda0);
        double norm0 = spectral.spectralNorm(lambda0);
        double d0 = norm0 > 0 ? problem.dualObjective(lambda0) / norm0 : 0;
        if (norm0 > 0) lambda0.scaleInPlace(1 / norm0);

        if (maxOff <= ClosedForms.CERTIFICATE_TOLERANCE) {
            return new Optimum(sTilde, lambda0, nucS, d0, SvmMethod.PROP3_CERTIFICATE, 0, spectral.seconds(), true, maxOff, nucS);
        }
        return admm(problem, options, spectral, pool, sTilde, a, lambda0, nucS, d0, maxOff, start);
    }

    private static Optimum admm(MarginConstraints problem, SvmOptions o, Spectral spectral, BlockPool pool, Matrix sTilde, Matrix a,
                                Matrix lambda0, double nucS, double d0, double maxOff, long start) {
        int v = problem.vocabSize(), cols = problem.columns();
        double relax = o.relaxation();
        double rho = o.rhoScale() / Math.max(1e-3, nucS / Math.min(v, cols));
        Matrix z = sTilde.copy();
        Matrix u = a.scaleInPlace(-1.0 / rho); // a is not needed afterwards
        Matrix y = z.minus(u); // the input of the next X-step, Z - U
        Matrix x = new Matrix(v, cols);
        ZStep zStep = new ZStep(problem, pool, x, z, u, y);
        double bestD = d0, bestP = nucS;
        Matrix bestLambda = lambda0, lambda = new Matrix(v, cols); // the best dual point and a buffer for the next one
        Matrix bestZ = sTilde; // overwritten by better primal points (S~ is not needed otherwise)
        double gap = relGap(bestP, bestD);
        int it = 0;
        double gap0 = Math.max(gap, o.gapTolerance() * 10);
        // the bar advances with log(gap): from the S~ gap at 0% to the tolerance at 100%
        try (Progress bar = o.progress().start("svm", 1000)) {
            while (gap > o.gapTolerance() && it < o.maxIterations()) {
                if (o.timeLimitSeconds() > 0 && elapsed(start) > o.timeLimitSeconds()) break;
                it++;
                GramSvd.Thresholded sh = spectral.shrinkInto(y, 1.0 / rho, x);
                double[] res = zStep.run(relax);
                double rp = res[0], rd = res[1], zz = res[2], uu = res[3];
                if (!Double.isFinite(rp + rd + zz + uu)) throw new ArithmeticException("NaN in NTP-SVM* iterations");
                double relPrim = Math.sqrt(rp) / Math.max(1e-300, Math.sqrt(zz));
                double relDual = Math.sqrt(rd) / Math.max(1e-300, Math.sqrt(uu));

                if (it % CHECK_EVERY == 0) {
                    double[] ld = lambda.data, ud = u.data;
                    for (int k = 0; k < ld.length; k++) ld[k] = -rho * ud[k];
                    problem.repairDualInPlace(lambda);
                    double nrm = spectral.spectralNorm(lambda);
                    double d = nrm > 0 ? problem.dualObjective(lambda) / nrm : 0;
                    if (d > bestD) {
                        bestD = d;
                        Matrix previous = bestLambda;
                        bestLambda = lambda.scaleInPlace(1 / nrm);
                        lambda = previous;
                    }
                    double estGap = relGap(sh.nuclearNorm(), bestD);
                    if (Math.abs(estGap) <= o.gapTolerance() * 0.5 || relPrim < o.gapTolerance() * 1e-2) {
                        double p = spectral.nuclearNorm(z);
                        if (p < bestP) {
                            bestP = p;
                            System.arraycopy(z.data, 0, bestZ.data, 0, z.data.length);
                        }
                        gap = relGap(bestP, bestD);
                    }
                    if (o.verbose()) {
                        o.progress().message(String.format(Locale.ROOT, "it %5d %7.2fs rho %.3e rank %4d ||X||* %.10f d %.10f p %.10f gap %.2e rp %.1e rd %.1e%n",
                                it, elapsed(start), rho, sh.rank(), sh.nuclearNorm(), bestD, bestP, gap, relPrim, relDual));
                    }
                    double est = Math.max(o.gapTolerance(), Math.min(gap, Math.max(relGap(sh.nuclearNorm(), bestD), 0)));
                    long done = (long) (1000 * Math.min(1, Math.max(0, Math.log(gap0 / est) / Math.log(gap0 / o.gapTolerance()))));
                    bar.update(Math.min(done, 999), String.format(Locale.ROOT, "it %d gap~%.1e rank %d", it, est, sh.rank()));
                }
                // residual balancing (U is the scaled dual: it scales with 1/rho, and so does Z - U's U part)
                if (it % 5 == 0 && (relPrim > 5 * relDual || relDual > 5 * relPrim)) {
                    double f = relPrim > 5 * relDual ? 2 : 0.5;
                    rho *= f;
                    u.scaleInPlace(1 / f);
                    double[] zd = z.data, ud = u.data, yd = y.data;
                    for (int k = 0; k < yd.length; k++) yd[k] = zd[k] - ud[k];
                }
            }
        }
        return new Optimum(bestZ, bestLambda, bestP, bestD, SvmMethod.ADMM, it, spectral.seconds(), false, maxOff, nucS);
    }

    /**
     * The Z- and U-steps of one over-relaxed ADMM iteration, fused column by column and run on column chunks in
     * parallel: W = a X + (1 - a) Z + U, Z = P_C(W), U = W - Z, and Y = Z - U for the next X-step, with the residual
     * sums ||X - Z||^2, ||Z - Z_old||^2, ||Z||^2, ||U||^2. Each column is read once and projected while it is in cache.
     * The chunks are fixed (independent of the number of threads) and their sums are added in chunk order, so the
     * result is the same bit for bit however the chunks are scheduled ({@link BlockPool}).
     */
    private static final class ZStep {
        private static final int CHUNKS = 32;
        private final MarginConstraints problem;
        private final BlockPool pool;
        private final Matrix x, z, u, y;
        private final int v, cols, chunks;
        private final ThreadLocal<double[][]> scratch;
        private final ThreadLocal<int[]> active;

        ZStep(MarginConstraints problem, BlockPool pool, Matrix x, Matrix z, Matrix u, Matrix y) {
            this.problem = problem;
            this.pool = pool;
            this.x = x;
            this.z = z;
            this.u = u;
            this.y = y;
            this.v = problem.vocabSize();
            this.cols = problem.columns();
            this.chunks = Math.max(1, Math.min(CHUNKS, cols / 64));
            this.scratch = ThreadLocal.withInitial(() -> new double[2][v]);
            this.active = ThreadLocal.withInitial(() -> new int[v]);
        }

        double[] run(double relax) {
            double[][] partial = new double[chunks][];
            pool.run(chunks, ch -> partial[ch] = chunk(relax, (int) ((long) cols * ch / chunks), (int) ((long) cols * (ch + 1) / chunks)));
            double[] sum = new double[4];
            for (double[] p : partial) for (int q = 0; q < 4; q++) sum[q] += p[q];
            return sum;
        }

        private double[] chunk(double relax, int from, int to) {
            double[] xd = x.data, zd = z.data, ud = u.data, yd = y.data;
            double[][] s = scratch.get();
            double[] zOld = s[0], w = s[1];
            int[] act = active.get();
            double rp = 0, rd = 0, zz = 0, uu = 0;
            for (int c = from; c < to; c++) {
                int off = c * v;
                for (int i = 0; i < v; i++) {
                    double zo = zd[off + i];
                    double wi = relax * xd[off + i] + (1 - relax) * zo + ud[off + i];
                    zOld[i] = zo;
                    w[i] = wi;
                    zd[off + i] = wi;
                }
                problem.projectColumn(zd, off, c, act);
                for (int i = 0; i < v; i++) {
                    double zn = zd[off + i];
                    double uk = w[i] - zn;
                    ud[off + i] = uk;
                    yd[off + i] = zn - uk;
                    double e = xd[off + i] - zn, f = zn - zOld[i];
                    rp += e * e;
                    rd += f * f;
                    zz += zn * zn;
                    uu += uk * uk;
                }
            }
            return new double[] {rp, rd, zz, uu};
        }
    }

    /**
     * Averages a full-formulation optimum (V x m) within the support classes: primal L_c[:, c] = mean of L's columns
     * in class c (feasible, ||.||_* not larger, theory.md "Support classes"), dual Y[:, c] = sum of Lambda's columns
     * in c / sqrt(n_c) (= Lambda D N^(-1/2): still in K, spectral norm not larger, same dual objective). The result is
     * expressed as a class-formulation optimum (primal M = L_c N^(1/2)).
     */
    private static Optimum foldIntoClasses(Optimum full, SupportClasses classes) {
        int v = full.primal().rows, n = classes.classCount(), m = classes.contextCount();
        Matrix mSum = new Matrix(v, n), ySum = new Matrix(v, n);
        for (int j = 0; j < m; j++) {
            int c = classes.classOf(j);
            for (int i = 0; i < v; i++) {
                mSum.data[c * v + i] += full.primal().data[j * v + i];
                ySum.data[c * v + i] += full.dual().data[j * v + i];
            }
        }
        for (int c = 0; c < n; c++) {
            double f = 1 / Math.sqrt(classes.size(c)); // mean * sqrt(n_c) = sum / sqrt(n_c)
            for (int i = 0; i < v; i++) {
                mSum.data[c * v + i] *= f;
                ySum.data[c * v + i] *= f;
            }
        }
        double p = full.method() == SvmMethod.TRIVIAL ? 0 : GramSvd.nuclearNorm(mSum);
        return new Optimum(mSum, ySum, p, full.d(), full.method(), full.iterations(), full.svdSeconds(), full.prop3Holds(),
                full.maxOffSupportA(), full.centeredSupportNuclearNorm());
    }

    private static SvmSolution solution(Optimum opt, SupportClasses classes, SvmOptions o, long start, Spectral spectral) {
        MarginConstraints problem = MarginConstraints.forClasses(classes);
        Matrix mm = opt.primal();
        int v = mm.rows, n = mm.cols;
        SvmSolution.Feasibility feasibility = new SvmSolution.Feasibility(problem.equalitySpread(mm), problem.marginShortfall(mm));
        double before = spectral.seconds();
        int rank = opt.method() == SvmMethod.TRIVIAL ? 0 : rankOf(spectral.singularValues(mm), o);
        double svdSeconds = opt.svdSeconds() + spectral.seconds() - before;
        Matrix lc = new Matrix(v, n);
        long[] sizes = new long[n];
        for (int c = 0; c < n; c++) {
            sizes[c] = classes.size(c);
            double f = 1 / problem.margin(c);
            for (int i = 0; i < v; i++) lc.data[c * v + i] = f * mm.data[c * v + i];
        }
        double gap = relGap(opt.p(), opt.d());
        boolean converged = gap <= o.gapTolerance() && feasibility.max() <= o.feasibilityTolerance();
        return new SvmSolution(new SvmSolution.Columns(classes.contextClasses(), sizes, lc, opt.dual()),
                new SvmSolution.Bounds(opt.p(), opt.d(), gap, rank), feasibility,
                new SvmSolution.CenteredSupport(opt.prop3Holds(), opt.maxOffSupportA(), opt.centeredSupportNuclearNorm()),
                new SvmSolution.Run(opt.method(), o.formulation(), converged, opt.iterations(), elapsed(start), svdSeconds));
    }

    /** Rank at the solver's accuracy: singular values above gapTolerance * s_max. */
    private static int rankOf(double[] s, SvmOptions o) {
        if (s.length == 0 || s[0] <= 0) return 0;
        int r = 0;
        for (double x : s) if (x > o.gapTolerance() * s[0]) r++;
        return r;
    }

    private static double relGap(double p, double d) {
        if (p <= 0) return d <= 0 ? 0 : Double.POSITIVE_INFINITY;
        return (p - d) / p;
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
