package org.ntpgeo.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.linalg.BlasThreads;

/**
 * The nuclear-norm regularisation path L_lambda = argmin CE(L) + lambda ||L||_* (the UFM problem with d >= V,
 * theory.md "Logit-domain reformulation"), for decreasing lambdas, by accelerated proximal gradient (FISTA with
 * step 1/L_f, L_f = max pi / 2, singular value thresholding as the prox, gradient-based adaptive restart),
 * warm-started from the previous lambda. Reports per lambda the quantities of claims C1 and C2.
 */
public final class RegularizationPath {
    private RegularizationPath() {}

    /** Log-spaced lambdas from "HI:LO:N" (e.g. 1e-1:1e-6:12, descending), or a comma list "0.1,0.01". */
    public static double[] parseLambdas(String spec) {
        if (spec == null || spec.isBlank()) throw new OptionError("{lambdas} is empty");
        try {
            double[] out;
            if (spec.contains(":")) {
                String[] p = spec.split(":");
                if (p.length != 3) throw new OptionError("{lambdas} must be HI:LO:N (e.g. 1e-1:1e-6:12), got '" + spec + "'");
                double hi = Double.parseDouble(p[0].trim()), lo = Double.parseDouble(p[1].trim());
                int n = Integer.parseInt(p[2].trim());
                if (n < 1) throw new OptionError("{lambdas}: N must be >= 1");
                if (!(hi > 0) || !(lo > 0) || !Double.isFinite(hi) || !Double.isFinite(lo)) {
                    throw new OptionError("{lambdas}: bounds must be finite and > 0, got '" + spec + "'");
                }
                out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = n == 1 ? hi : Math.exp(Math.log(hi) + (Math.log(lo) - Math.log(hi)) * i / (n - 1));
                }
            } else {
                out = Arrays.stream(spec.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            }
            return validate(out);
        } catch (NumberFormatException e) {
            throw new OptionError("{lambdas}: not a number in '" + spec + "'");
        }
    }

    private static double[] validate(double[] lambdas) {
        if (lambdas.length == 0) throw new UserError("no lambda given");
        for (double l : lambdas) if (!(l > 0) || !Double.isFinite(l)) throw new UserError("lambdas must be finite and > 0, got " + l);
        double[] sorted = lambdas.clone();
        Arrays.sort(sorted);
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return sorted;
    }

    /** Solves the path for the lambdas (sorted into decreasing order). */
    public static PathResult solve(NtpDataset ds, double[] lambdas, PathOptions o) {
        double[] lams = validate(lambdas);
        long start = System.nanoTime();
        int v = ds.vocabSize(), m = ds.contextCount();
        boolean small = (long) v * m < NtpSvmSolver.SMALL_PROBLEM_ENTRIES;
        try (BlasThreads scope = small ? BlasThreads.single() : null) {
            Matrix lmm = o.lmm();
            if (lmm == null) lmm = NtpSvmSolver.solve(ds, SvmOptions.defaults()).lmm();
            if (lmm.rows != v || lmm.cols != m) throw new UserError("L_mm is " + lmm.rows + "x" + lmm.cols + ", dataset is " + v + "x" + m);
            Matrix lin = ClosedForms.lin(ds);
            double entropy = ds.entropy();
            double lf = CrossEntropy.lipschitz(ds);
            double step = 1 / lf; // 1/L_f is always safe; larger steps are accepted by backtracking
            Spectral spectral = new Spectral();
            Matrix x = new Matrix(v, m);
            List<PathResult.Point> points = new ArrayList<>();
            try (Progress bar = o.progress().start("path", lams.length)) {
                for (int q = 0; q < lams.length; q++) {
                    // the first lambda always starts (a path without points says nothing)
                    if (q > 0 && o.timeLimitSeconds() > 0 && (System.nanoTime() - start) / 1e9 > o.timeLimitSeconds()) break;
                    long t0 = System.nanoTime();
                    double lambda = lams[q];
                    if (points.size() >= 2) {
                        // Extrapolated warm start: L_lambda ~ L_in + R(lambda) L_mm with R ~ log(1/lambda), so the
                        // last step, scaled by the ratio of log-lambda gaps, predicts the next point well.
                        PathResult.Point p1 = points.get(points.size() - 1), p2 = points.get(points.size() - 2);
                        double ratio = Math.log(p1.lambda() / lambda) / Math.log(p2.lambda() / p1.lambda());
                        if (ratio > 0 && ratio < 4) {
                            Matrix guess = p1.logits().plus(ratio, p1.logits().minus(p2.logits()));
                            if (objective(ds, guess, lambda, spectral) < objective(ds, x, lambda, spectral)) x = guess;
                        }
                    }
                    Matrix y = x.copy();
                    Matrix grad = new Matrix(v, m);
                    double t = 1, residual = Double.POSITIVE_INFINITY;
                    int it = 0, rank = 0;
                    double nuc = 0;
                    boolean converged = false;
                    Matrix xNew = null;
                    while (it < o.maxIterationsPerLambda()) {
                        // the time limit also ends a lambda in progress (one lambda at corpus scale can take longer
                        // than the whole budget): its point is kept, marked not converged
                        if (it > 0 && o.timeLimitSeconds() > 0 && (System.nanoTime() - start) / 1e9 > o.timeLimitSeconds()) break;
                        it++;
                        double fy = CrossEntropy.valueAndGradient(ds, y, grad);
                        org.ntpgeo.linalg.GramSvd.Thresholded sh;
                        double diffNorm2;
                        while (true) { // backtracking: shrink the step until the quadratic upper bound holds
                            Matrix arg = y.plus(-step, grad);
                            sh = spectral.shrink(arg, step * lambda);
                            xNew = sh.x();
                            Matrix diff = xNew.minus(y);
                            diffNorm2 = diff.dot(diff);
                            double fx = CrossEntropy.value(ds, xNew);
                            if (step <= 1 / lf || fx <= fy + grad.dot(diff) + diffNorm2 / (2 * step) + 1e-15 * Math.abs(fy)) break;
                            step = Math.max(1 / lf, step / 2);
                        }
                        rank = sh.rank();
                        nuc = sh.nuclearNorm();
                        residual = Math.sqrt(diffNorm2) / step;
                        if (!xNew.isFinite()) throw new ArithmeticException("NaN in the regularisation path at lambda=" + lambda);
                        // gradient-based restart (O'Donoghue & Candes): momentum points uphill -> reset
                        double uphill = y.minus(xNew).dot(xNew.minus(x));
                        double tNew;
                        if (uphill > 0) {
                            tNew = 1;
                            y = xNew.copy();
                        } else {
                            tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                            y = xNew.plus((t - 1) / tNew, xNew.minus(x));
                        }
                        x = xNew;
                        t = tNew;
                        if (residual <= o.tolerance() * lambda) {
                            converged = true;
                            break;
                        }
                        step *= 1.1; // let the step grow again: the local curvature falls as the logits grow
                    }
                    double ce = CrossEntropy.value(ds, x);
                    PathResult.Point p = new PathResult.Point(q, lambda, ce, ce - entropy, nuc, x.frobeniusNorm(), rank,
                            directionGap(x, lmm), directionGap(x.minus(lin), lmm),
                            ClosedForms.projectF(ds, x).minus(lin).frobeniusNorm(), it, residual / lambda, converged,
                            (System.nanoTime() - t0) / 1e9, x.copy());
                    points.add(p);
                    if (o.verbose()) {
                        o.progress().message(String.format(Locale.ROOT, "lambda %.3e it %6d CE-H %.3e ||L||* %.4f rank %d gap(L_mm) %.4f ||P_F L - L_in|| %.3e res %.1e%n",
                                lambda, it, ce - entropy, nuc, rank, p.directionGapLmm(), p.softLabelGap(), residual / lambda));
                    }
                    bar.update(q + 1, String.format(Locale.ROOT, "lambda %.1e", lambda));
                }
            }
            return new PathResult(points, entropy, lmm, (System.nanoTime() - start) / 1e9, spectral.seconds());
        }
    }

    private static double objective(NtpDataset ds, Matrix l, double lambda, Spectral spectral) {
        return CrossEntropy.value(ds, l) + lambda * spectral.nuclearNorm(l);
    }

    /** || A/||A||_F - B/||B||_F ||_F (0-norm matrices count as the zero direction). */
    public static double directionGap(Matrix a, Matrix b) {
        double na = a.frobeniusNorm(), nb = b.frobeniusNorm();
        double s = 0;
        for (int k = 0; k < a.data.length; k++) {
            double d = (na > 0 ? a.data[k] / na : 0) - (nb > 0 ? b.data[k] / nb : 0);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
