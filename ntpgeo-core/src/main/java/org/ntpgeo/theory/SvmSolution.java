package org.ntpgeo.theory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.Provenance;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.io.Npz;
import org.ntpgeo.linalg.Matrix;

/**
 * The NTP-SVM* answer, held at class level: the contexts are grouped into classes whose L_mm columns are equal
 * (the support classes, theory.md "Support classes"), and the solution is stored as one column per class.
 *
 * <ul>
 *   <li>{@link #classLmm()} (V x C): the column every context of class c shares, so L_mm[:, j] = classLmm[:, c(j)]
 *       ({@link #contextClass(int)}); {@link #lmm()} expands it to V x m once, on first use.</li>
 *   <li>{@link #classDual()} (V x C): the reduced dual Y (||Y||_2 <= 1, Y <= 0 off the class supports, zero column
 *       sums), value sum_c sqrt(n_c) sum_{v not in S_c} -Y[v,c] = {@link #dualObjective()}, a lower bound of
 *       ||L_mm||_* = {@link #nuclearNorm()}; the full dual {@link #dual()} is Y[:, c(j)] / sqrt(n_c).</li>
 * </ul>
 *
 * Files ({@link #write}): {@code classes.npz} always ({@code context_class} int32[m], {@code class_size} int64[C],
 * {@code lmm} and {@code dual} float64[V x C]); {@code lmm.npy} and {@code dual.npy} (V x m) when V m is at most
 * {@link #FULL_OUTPUT_MAX_ENTRIES} or when asked; {@code svm.json}. {@link #read} also accepts directories written
 * before classes.npz existed (lmm.npy, optionally dual.npy): each context is then its own class.
 */
public final class SvmSolution {
    public static final String CLASSES_FILE = "classes.npz";
    public static final String LMM_FILE = "lmm.npy";
    public static final String DUAL_FILE = "dual.npy";
    public static final String JSON_FILE = "svm.json";
    /** lmm.npy and dual.npy (V x m) are written by default only when V * m is at most this (400 MB each). */
    public static final long FULL_OUTPUT_MAX_ENTRIES = 50_000_000L;

    /**
     * The solution at class level.
     *
     * @param contextClass class of each context (length m, values in [0, C))
     * @param classSize    n_c, the number of contexts of each class (length C, each >= 1)
     * @param lmm          V x C, the column shared by the contexts of each class
     * @param dual         V x C reduced dual Y, or null (directories of old versions without dual.npy)
     */
    public record Columns(int[] contextClass, long[] classSize, Matrix lmm, Matrix dual) {
        public Columns {
            int classes = classSize.length;
            if (lmm.cols != classes) throw new IllegalArgumentException("L_mm has " + lmm.cols + " columns for " + classes + " classes");
            if (dual != null && (dual.rows != lmm.rows || dual.cols != lmm.cols)) throw new IllegalArgumentException("dual shape differs from L_mm's");
            long[] seen = new long[classes];
            for (int c : contextClass) {
                if (c < 0 || c >= classes) throw new IllegalArgumentException("context class " + c + " outside [0, " + classes + ")");
                seen[c]++;
            }
            for (int c = 0; c < classes; c++) {
                if (seen[c] != classSize[c] || seen[c] < 1) {
                    throw new IllegalArgumentException("class " + c + " has size " + classSize[c] + " but " + seen[c] + " contexts");
                }
            }
        }

        /** Each context its own class (C = m, sizes 1): the solution of the full formulation as written by old versions. */
        static Columns perContext(Matrix lmm, Matrix dual) {
            int m = lmm.cols;
            int[] cls = new int[m];
            long[] size = new long[m];
            for (int j = 0; j < m; j++) {
                cls[j] = j;
                size[j] = 1;
            }
            return new Columns(cls, size, lmm, dual);
        }
    }

    /**
     * Primal and dual values: ||L_mm||_* (upper bound of the optimum), the dual objective (lower bound), the relative
     * gap (p - d) / p, and the rank of L_mm at the solver's accuracy.
     */
    public record Bounds(double nuclearNorm, double dualObjective, double relativeDualityGap, int rank) {}

    /** Constraint violations of L_mm, in the units of the unit-margin problem (equal in-support logits, margin 1). */
    public record Feasibility(double equalitySpread, double marginShortfall) {
        public double max() {
            return Math.max(equalitySpread, marginShortfall);
        }
    }

    /**
     * The Prop. 3 test of S~: whether it proved S~ optimal, the largest off-support entry of A = U V^T (-infinity when
     * there is none) and ||S~||_*.
     */
    public record CenteredSupport(boolean optimal, double maxOffSupportA, double nuclearNorm) {}

    /** How the solution was obtained. */
    public record Run(SvmMethod method, SvmFormulation formulation, boolean converged, int iterations, double seconds,
                      double svdSeconds) {}

    private final Columns columns;
    private final Bounds bounds;
    private final Feasibility feasibility;
    private final CenteredSupport centeredSupport;
    private final Run run;
    private final int vocabSize;
    private Matrix lmm;
    private Matrix dual;

    public SvmSolution(Columns columns, Bounds bounds, Feasibility feasibility, CenteredSupport centeredSupport, Run run) {
        this.columns = columns;
        this.bounds = bounds;
        this.feasibility = feasibility;
        this.centeredSupport = centeredSupport;
        this.run = run;
        this.vocabSize = columns.lmm().rows;
    }

    public Columns columns() { return columns; }
    public Bounds bounds() { return bounds; }
    public Feasibility feasibility() { return feasibility; }
    public CenteredSupport centeredSupport() { return centeredSupport; }
    public Run run() { return run; }

    /** V. */
    public int vocabSize() { return vocabSize; }
    /** m, the number of contexts. */
    public int contextCount() { return columns.contextClass().length; }
    /** C, the number of classes (= m for a directory of an old version). */
    public int classCount() { return columns.classSize().length; }
    /** The class of context j. */
    public int contextClass(int j) { return columns.contextClass()[j]; }
    /** The class of every context (a copy, length m). */
    public int[] contextClasses() { return columns.contextClass().clone(); }
    /** n_c of every class (a copy, length C). */
    public long[] classSizes() { return columns.classSize().clone(); }
    /** L_mm at class level, V x C (not a copy: do not modify). */
    public Matrix classLmm() { return columns.lmm(); }
    /** The reduced dual Y, V x C (not a copy), or null when a directory of an old version had no dual.npy. */
    public Matrix classDual() { return columns.dual(); }

    /**
     * M = classLmm N^(1/2) (column c scaled by sqrt(n_c)), a new V x C matrix. L_mm = M N^(-1/2) D^T with
     * N^(-1/2) D^T having orthonormal rows, so M has the singular values and left singular vectors of L_mm (and
     * L_mm's right singular vectors are D N^(-1/2) times M's): the SVD of L_mm at the cost of a V x C one.
     */
    public Matrix weightedClassLmm() {
        Matrix l = columns.lmm(), out = new Matrix(l.rows, l.cols);
        for (int c = 0; c < l.cols; c++) {
            double s = Math.sqrt(columns.classSize()[c]);
            for (int i = 0, off = c * l.rows; i < l.rows; i++) out.data[off + i] = s * l.data[off + i];
        }
        return out;
    }

    /** L_mm, V x m, primal feasible up to rounding. Expanded from {@link #classLmm()} on first use, then kept. */
    public synchronized Matrix lmm() {
        if (lmm == null) lmm = isPerContext() ? columns.lmm() : expand(columns.lmm(), false);
        return lmm;
    }

    /**
     * The full dual certificate Lambda (V x m, Lambda[:, j] = Y[:, c(j)] / sqrt(n_c)): zero column sums, <= 0 off
     * the supports, ||Lambda||_2 = ||Y||_2 <= 1, <Lambda, S> = {@link #dualObjective()}. Expanded on first use;
     * null when {@link #classDual()} is.
     */
    public synchronized Matrix dual() {
        if (dual == null && columns.dual() != null) dual = isPerContext() ? columns.dual() : expand(columns.dual(), true);
        return dual;
    }

    private boolean isPerContext() {
        int[] cls = columns.contextClass();
        if (cls.length != classCount()) return false;
        for (int j = 0; j < cls.length; j++) if (cls[j] != j) return false;
        return true;
    }

    /** Column j of the expansion of a class-level matrix (the dual divided by sqrt(n_c)). */
    private void fillColumn(Matrix classLevel, boolean isDual, int j, double[] out) {
        int c = columns.contextClass()[j], v = classLevel.rows;
        double f = isDual ? 1 / Math.sqrt(columns.classSize()[c]) : 1;
        for (int i = 0; i < v; i++) out[i] = f * classLevel.data[c * v + i];
    }

    private Matrix expand(Matrix classLevel, boolean isDual) {
        int v = classLevel.rows, m = contextCount();
        Matrix out = new Matrix(v, m);
        double[] col = new double[v];
        for (int j = 0; j < m; j++) {
            fillColumn(classLevel, isDual, j, col);
            System.arraycopy(col, 0, out.data, j * v, v);
        }
        return out;
    }

    /** ||L_mm||_* (primal objective, an upper bound of the optimum). */
    public double nuclearNorm() { return bounds.nuclearNorm(); }
    /** The dual objective of the certificate (a lower bound of the optimum). */
    public double dualObjective() { return bounds.dualObjective(); }
    /** (p - d) / p. */
    public double relativeDualityGap() { return bounds.relativeDualityGap(); }
    /** Numerical rank of L_mm (singular values above gapTolerance * s_max). */
    public int rank() { return bounds.rank(); }
    /** True when S~ itself was proved optimal by Prop. 3 (no iterations). */
    public boolean certified() { return centeredSupport.optimal(); }
    /** True when the relative gap and the primal violation are within the requested tolerances. */
    public boolean converged() { return run.converged(); }
    public double equalitySpread() { return feasibility.equalitySpread(); }
    public double marginShortfall() { return feasibility.marginShortfall(); }
    public int iterations() { return run.iterations(); }
    public double seconds() { return run.seconds(); }
    public double svdSeconds() { return run.svdSeconds(); }
    public SvmMethod method() { return run.method(); }
    public SvmFormulation formulation() { return run.formulation(); }
    public double certificateMaxOffSupportA() { return centeredSupport.maxOffSupportA(); }
    public double centeredSupportNuclearNorm() { return centeredSupport.nuclearNorm(); }

    /** True when {@link #write(Path)} writes the V x m lmm.npy and dual.npy (V m <= {@link #FULL_OUTPUT_MAX_ENTRIES}). */
    public boolean writesFullByDefault() {
        return (long) vocabSize * contextCount() <= FULL_OUTPUT_MAX_ENTRIES;
    }

    /** svm.json of the default outputs ({@link #write(Path)}). */
    public ObjectNode toJson() {
        return toJson(files(writesFullByDefault()));
    }

    private List<String> files(boolean full) {
        List<String> f = new ArrayList<>(List.of(CLASSES_FILE));
        if (full) {
            f.add(LMM_FILE);
            if (columns.dual() != null) f.add(DUAL_FILE);
        }
        f.add(JSON_FILE);
        return f;
    }

    private ObjectNode toJson(List<String> files) {
        ObjectNode o = Json.object();
        o.put("V", vocabSize);
        o.put("m", contextCount());
        o.put("classes", classCount());
        o.put("reduction", classCount() == 0 ? 1.0 : (double) contextCount() / classCount());
        long largest = 0;
        for (long s : columns.classSize()) largest = Math.max(largest, s);
        o.put("largest_class", largest);
        o.put("formulation", run.formulation().id());
        o.put("method", run.method().id());
        o.put("nuclear_norm", bounds.nuclearNorm());
        o.put("dual_objective", bounds.dualObjective());
        o.put("relative_duality_gap", bounds.relativeDualityGap());
        o.put("rank", bounds.rank());
        o.put("certified_centered_support", centeredSupport.optimal());
        o.put("converged", run.converged());
        o.put("equality_spread", feasibility.equalitySpread());
        o.put("margin_shortfall", feasibility.marginShortfall());
        o.put("max_constraint_violation", feasibility.max());
        o.put("iterations", run.iterations());
        o.put("seconds", run.seconds());
        o.put("svd_seconds", run.svdSeconds());
        o.put("svd_time_share", run.seconds() > 0 ? run.svdSeconds() / run.seconds() : 0);
        if (Double.isFinite(centeredSupport.maxOffSupportA())) o.put("certificate_max_off_support_A", centeredSupport.maxOffSupportA());
        else o.putNull("certificate_max_off_support_A");
        o.put("centered_support_nuclear_norm", centeredSupport.nuclearNorm());
        ArrayNode list = o.putArray("files");
        files.forEach(list::add);
        return o;
    }

    /** Writes classes.npz, svm.json and, when V m <= {@link #FULL_OUTPUT_MAX_ENTRIES}, lmm.npy and dual.npy. */
    public void write(Path outDir) {
        write(outDir, writesFullByDefault());
    }

    /** As {@link #write(Path, boolean, Provenance)} with a provenance block that records only version and time. */
    public void write(Path outDir, boolean full) {
        write(outDir, full, Provenance.of("ntpgeo solve svm"));
    }

    /**
     * Writes classes.npz and svm.json, and lmm.npy and dual.npy (V x m, streamed column by column from the class
     * level, never held whole) when {@code full}. Each file is written atomically.
     */
    public void write(Path outDir, boolean full, Provenance provenance) {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        Matrix l = columns.lmm();
        arrays.put("context_class", NdArray.ofInts(columns.contextClass(), contextCount()));
        arrays.put("class_size", NdArray.ofLongs(columns.classSize(), classCount()));
        arrays.put("lmm", NdArray.ofColumnMajor(l.data, l.rows, l.cols));
        if (columns.dual() != null) arrays.put("dual", NdArray.ofColumnMajor(columns.dual().data, l.rows, l.cols));
        Npz.write(outDir.resolve(CLASSES_FILE), arrays);
        if (full) {
            Npy.writeColumns(outDir.resolve(LMM_FILE), vocabSize, contextCount(), (j, col) -> fillColumn(l, false, j, col));
            if (columns.dual() != null) {
                Npy.writeColumns(outDir.resolve(DUAL_FILE), vocabSize, contextCount(), (j, col) -> fillColumn(columns.dual(), true, j, col));
            }
        }
        Json.write(outDir.resolve(JSON_FILE), provenance.addTo(toJson(files(full))));
    }

    /** Reads an output directory of {@code ntpgeo solve svm} (this version's or an older one with lmm.npy only). */
    public static SvmSolution read(Path outDir) {
        Path json = outDir.resolve(JSON_FILE), classes = outDir.resolve(CLASSES_FILE), npy = outDir.resolve(LMM_FILE);
        if (!Files.isRegularFile(json) || !(Files.isRegularFile(classes) || Files.isRegularFile(npy))) {
            throw new UserError("not an NTP-SVM* output directory (needs " + JSON_FILE + " and " + CLASSES_FILE + " or " + LMM_FILE
                    + "): " + outDir);
        }
        Columns cols = Files.isRegularFile(classes) ? readClasses(classes) : readPerContext(outDir);
        JsonNode o = Json.read(json);
        String methodId = o.path("method").asText("");
        SvmMethod method = SvmMethod.parse(methodId);
        if (method == null) throw new UserError(json + ": unknown method '" + methodId + "'");
        SvmFormulation formulation;
        try {
            formulation = o.has("formulation") ? SvmFormulation.parse(o.path("formulation").asText()) : SvmFormulation.FULL;
        } catch (IllegalArgumentException e) {
            throw new UserError(json + ": " + e.getMessage());
        }
        return new SvmSolution(cols,
                new Bounds(o.path("nuclear_norm").asDouble(Double.NaN), o.path("dual_objective").asDouble(Double.NaN),
                        o.path("relative_duality_gap").asDouble(Double.NaN), o.path("rank").asInt()),
                new Feasibility(o.path("equality_spread").asDouble(Double.NaN), o.path("margin_shortfall").asDouble(Double.NaN)),
                new CenteredSupport(o.path("certified_centered_support").asBoolean(),
                        o.path("certificate_max_off_support_A").isNumber() ? o.path("certificate_max_off_support_A").asDouble()
                                : Double.NEGATIVE_INFINITY,
                        o.path("centered_support_nuclear_norm").asDouble(Double.NaN)),
                new Run(method, formulation, o.path("converged").asBoolean(), o.path("iterations").asInt(), o.path("seconds").asDouble(),
                        o.path("svd_seconds").asDouble()));
    }

    private static Columns readClasses(Path file) {
        Map<String, NdArray> a;
        try {
            a = Npz.read(file);
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(file + " is not a readable .npz archive");
        }
        for (String k : new String[] {"context_class", "class_size", "lmm"}) {
            if (!a.containsKey(k)) throw new UserError(file + " has no array '" + k + "'");
        }
        try {
            Matrix l = matrix(a.get("lmm"), file + " lmm");
            Matrix y = a.containsKey("dual") ? matrix(a.get("dual"), file + " dual") : null;
            return new Columns(a.get("context_class").asInts(), a.get("class_size").asLongs(), l, y);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new UserError(file + " is not a valid support-class solution: " + e.getMessage());
        }
    }

    private static Columns readPerContext(Path outDir) {
        Path npy = outDir.resolve(LMM_FILE), dualFile = outDir.resolve(DUAL_FILE);
        Matrix l = matrix(Npy.read(npy), npy.toString());
        Matrix y = Files.isRegularFile(dualFile) ? matrix(Npy.read(dualFile), dualFile.toString()) : null;
        if (y != null && (y.rows != l.rows || y.cols != l.cols)) throw new UserError(dualFile + " has a different shape from " + npy);
        return Columns.perContext(l, y);
    }

    private static Matrix matrix(NdArray a, String what) {
        if (a.ndim() != 2) throw new UserError(what + " is not a 2-d array");
        Matrix m = new Matrix((int) a.shape()[0], (int) a.shape()[1], a.asColumnMajor());
        if (!m.isFinite()) throw new UserError(what + " contains NaN or infinite entries");
        return m;
    }
}
