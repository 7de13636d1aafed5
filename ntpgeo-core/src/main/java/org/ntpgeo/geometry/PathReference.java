package org.ntpgeo.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;
import org.ntpgeo.theory.PathOptions;
import org.ntpgeo.theory.PathResult;
import org.ntpgeo.theory.RegularizationPath;

/**
 * The regularisation path L_lambda = argmin CE(L) + lambda ||L||_* (theory.md C1) as a reference for runs: the
 * path points (centred; L_lambda has zero column sums up to the solver's accuracy), the position of a run on the
 * path (the lambda whose L_lambda is closest in direction), and, for a run trained on the UFM objective with weight
 * decay lambda, the theory's own prediction for it ({@link Target}: L_lambda and its distance to the path points
 * half a decade away, which sets the "on the path" rule of {@link Claims}).
 */
public final class PathReference {
    /** Neighbours of the target lambda: lambda * 10^(+-1/2). */
    public static final double NEIGHBOUR_FACTOR = Math.sqrt(10);
    /** Default grid of {@link #forRuns}: half decades from 1e-1 down to 1e-6. */
    private static final double[] DEFAULT_GRID = grid(1e-1, 1e-6, 11);
    /** Two lambdas closer than this (relative) are the same path point. */
    static final double SAME_LAMBDA = 1e-6;

    /**
     * One path point. {@code logits} is centred; gaps are direction gaps of the centred logits (NaN when L_lambda = 0).
     */
    public record Point(double lambda, Matrix logits, double norm, double gapLmm, double gapResidualLmm, double ceMinusH,
                        boolean converged) {}

    /** Where a checkpoint sits on the path: the point closest in direction and the direction gap to it. */
    public record Location(int index, double lambda, double gap) {}

    /**
     * The theory's prediction for a run trained with weight decay {@code lambda} on the UFM objective, or the reason it
     * is unavailable ({@code reason} non-null, other fields null/NaN).
     *
     * @param neighbourDistance min over the two neighbours of ||L_nb - L_lambda||_F / ||L_lambda||_F
     * @param neighbourGramW    min over the neighbours of the Gram gap between their word Grams and L_lambda's
     * @param neighbourGramH    the same for the context Grams
     */
    public record Target(double lambda, Point point, TheoryReference.Spectral svd, double neighbourDistance, double neighbourGramW,
                         double neighbourGramH, String reason) {
        static Target unavailable(double lambda, String reason) {
            return new Target(lambda, null, null, Double.NaN, Double.NaN, Double.NaN, reason);
        }

        public boolean available() {
            return reason == null;
        }
    }

    private final List<Point> points;
    private final String description;

    private PathReference(List<Point> points, String description) {
        this.points = List.copyOf(points);
        this.description = description;
    }

    /** No path (e.g. the caller chose not to solve one); {@code why} is shown in the reports. */
    public static PathReference none(String why) {
        return new PathReference(List.of(), why);
    }

    /** The points of a solved path (e.g. an experiment's own path). */
    public static PathReference of(PathResult r, NtpDataset ds, ClassLevelMatrix lmm, String description) {
        InSupportLogits lin = InSupportLogits.of(ds);
        List<Point> pts = new ArrayList<>();
        for (PathResult.Point p : r.points()) {
            Matrix lc = MatrixMetrics.centred(p.logits());
            double n = lc.frobeniusNorm();
            pts.add(new Point(p.lambda(), lc, n, n > 0 ? MatrixMetrics.directionGap(lc, lmm) : Double.NaN,
                    n > 0 ? MatrixMetrics.directionGap(lc, lin, lmm) : Double.NaN, p.ceMinusEntropy(), p.converged()));
        }
        return new PathReference(pts, description);
    }

    /**
     * Solves the path for {@code lambdas} (warm-started, decreasing) within {@code seconds} (0 = no limit). The path
     * solver works per context, so L_mm is expanded to V x m for it (the one place the analysis does so).
     */
    public static PathReference solve(NtpDataset ds, ClassLevelMatrix lmm, double[] lambdas, double seconds, ProgressListener progress) {
        long t0 = System.nanoTime();
        PathResult r = RegularizationPath.solve(ds, lambdas, PathOptions.defaults().withLmm(lmm.expand()).withTimeLimit(seconds).withProgress(progress));
        double took = (System.nanoTime() - t0) / 1e9;
        String d = String.format(Locale.ROOT, "regularisation path solved for this report: %d of %d lambdas (%s .. %s) in %.1f s", r.points().size(),
                lambdas.length, Claims.fmt(max(lambdas)), Claims.fmt(min(lambdas)), took);
        if (r.points().size() < lambdas.length) d += String.format(Locale.ROOT, "; the time limit of %.0f s stopped it", seconds);
        if (!r.allConverged()) d += "; some lambdas hit the iteration cap";
        return of(r, ds, lmm, d);
    }

    /**
     * The path the analysis of {@code runs} (on dataset {@code ds}) needs: half decades of lambda from 1e-1 to 1e-6 plus every run's own lambda and
     * its neighbours, solved within {@code seconds}; none when {@code seconds <= 0}.
     */
    public static PathReference forRuns(NtpDataset ds, ClassLevelMatrix lmm, List<RunReader.TrainingRun> runs, double seconds, ProgressListener progress) {
        if (!(seconds > 0)) return none("not solved (path time limit 0)");
        return solve(ds, lmm, lambdasForRuns(runs, seconds), seconds, progress);
    }

    /** The lambdas {@link #forRuns} solves for {@code runs} (none when {@code seconds <= 0}). */
    public static double[] lambdasForRuns(List<RunReader.TrainingRun> runs, double seconds) {
        if (!(seconds > 0)) return new double[0];
        return lambdasFor(DEFAULT_GRID, runs.stream().mapToDouble(r -> r.ufmLambda().orElse(Double.NaN)).toArray());
    }

    /** {@code grid} plus, for each run lambda, lambda and its two neighbours lambda * 10^(+-1/2); decreasing, no duplicates. */
    public static double[] lambdasFor(double[] grid, double... runLambdas) {
        TreeSet<Double> set = new TreeSet<>();
        for (double l : grid) addDistinct(set, l);
        for (double l : runLambdas) {
            if (!(l > 0) || !Double.isFinite(l)) continue;
            addDistinct(set, l * NEIGHBOUR_FACTOR);
            addDistinct(set, l);
            addDistinct(set, l / NEIGHBOUR_FACTOR);
        }
        return set.descendingSet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void addDistinct(TreeSet<Double> set, double l) {
        for (double x : set) if (Math.abs(x - l) <= SAME_LAMBDA * l) return;
        set.add(l);
    }

    static double[] grid(double hi, double lo, int n) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) l[i] = n == 1 ? hi : Math.exp(Math.log(hi) + (Math.log(lo) - Math.log(hi)) * i / (n - 1));
        return l;
    }

    public List<Point> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    public String description() {
        return description;
    }

    /** The point closest in direction to the centred logits {@code lc} (null when no point has L_lambda != 0 or lc = 0). */
    public Location locate(Matrix lc) {
        if (!(lc.frobeniusNorm() > 0)) return null;
        Location best = null;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!(p.norm() > 0)) continue;
            double g = MatrixMetrics.directionGap(lc, p.logits());
            if (best == null || g < best.gap()) best = new Location(i, p.lambda(), g);
        }
        return best;
    }

    /** The path point at {@code lambda} (relative tolerance 1e-6), or null. */
    public Point at(double lambda) {
        for (Point p : points) if (Math.abs(p.lambda() - lambda) <= SAME_LAMBDA * lambda) return p;
        return null;
    }

    /** L_lambda and its neighbours for a run trained with weight decay {@code lambda} on the UFM objective. */
    public Target target(double lambda) {
        Point p = at(lambda), up = at(lambda * NEIGHBOUR_FACTOR), down = at(lambda / NEIGHBOUR_FACTOR);
        if (p == null || up == null || down == null) {
            return Target.unavailable(lambda, "the path lacks L_lambda at lambda = " + Claims.fmt(lambda) + (p == null ? "" : "'s neighbours")
                    + " (lambda * 10^(+-1/2) are needed as well; " + description + ")");
        }
        for (Point x : List.of(up, p, down)) {
            if (!x.converged()) return Target.unavailable(lambda, "the path point at lambda = " + Claims.fmt(x.lambda()) + " hit the iteration cap (not converged)");
        }
        if (!(p.norm() > 0)) return Target.unavailable(lambda, "L_lambda = 0 at lambda = " + Claims.fmt(lambda) + " (lambda above the largest useful value)");
        TheoryReference.Spectral sp = TheoryReference.Spectral.of(p.logits(), -1);
        double dist = Double.POSITIVE_INFINITY, gw = Double.POSITIVE_INFINITY, gh = Double.POSITIVE_INFINITY;
        for (Point nb : List.of(up, down)) {
            dist = Math.min(dist, MatrixMetrics.diffNorm(nb.logits(), p.logits()) / p.norm());
            if (nb.norm() > 0) {
                TheoryReference.Spectral s2 = TheoryReference.Spectral.of(nb.logits(), -1);
                gw = Math.min(gw, GramGap.between(sp.u(), sp.s(), s2.u(), s2.s()));
                gh = Math.min(gh, GramGap.betweenRight(sp, s2));
            } // a zero neighbour (lambda above the largest useful value) has no Gram direction: only the other counts
        }
        return new Target(lambda, p, sp, dist, gw, gh, null);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }
}
