package org.ntpgeo.theory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.linalg.Matrix;

/**
 * The NTP-SVM* answer: the primal-feasible L_mm (V x m), its nuclear norm and rank, and the proof of optimality
 * (a dual point Lambda in K with ||Lambda||_2 <= 1 whose objective {@code dualObjective} is within
 * {@code relativeDualityGap} of {@code nuclearNorm}). Files: {@code lmm.npy} (V x m float64) and {@code svm.json}.
 */
public final class SvmSolution {
    public static final String LMM_FILE = "lmm.npy";
    public static final String JSON_FILE = "svm.json";

    public static final String DUAL_FILE = "dual.npy";

    private final Matrix lmm;
    private final Matrix dual;
    private final double nuclearNorm;
    private final double dualObjective;
    private final int rank;
    private final boolean certified;
    private final boolean converged;
    private final double relativeDualityGap;
    private final double equalitySpread;
    private final double marginShortfall;
    private final int iterations;
    private final double seconds;
    private final double svdSeconds;
    private final String method;
    private final double certificateMaxOffSupportA;
    private final double centeredSupportNuclearNorm;

    public SvmSolution(Matrix lmm, Matrix dual, double nuclearNorm, double dualObjective, int rank, boolean certified, boolean converged,
                       double relativeDualityGap, double equalitySpread, double marginShortfall, int iterations,
                       double seconds, double svdSeconds, String method, double certificateMaxOffSupportA,
                       double centeredSupportNuclearNorm) {
        this.lmm = lmm;
        this.dual = dual;
        this.nuclearNorm = nuclearNorm;
        this.dualObjective = dualObjective;
        this.rank = rank;
        this.certified = certified;
        this.converged = converged;
        this.relativeDualityGap = relativeDualityGap;
        this.equalitySpread = equalitySpread;
        this.marginShortfall = marginShortfall;
        this.iterations = iterations;
        this.seconds = seconds;
        this.svdSeconds = svdSeconds;
        this.method = method;
        this.certificateMaxOffSupportA = certificateMaxOffSupportA;
        this.centeredSupportNuclearNorm = centeredSupportNuclearNorm;
    }

    /** L_mm, V x m (primal feasible up to rounding). */
    public Matrix lmm() { return lmm; }
    /**
     * The dual certificate Lambda (V x m): column sums 0, entries <= 0 off the supports, ||Lambda||_2 <= 1, so
     * <Lambda, S> = {@link #dualObjective()} is a lower bound of min ||L||_*. May be null after {@link #read}
     * when dual.npy is absent.
     */
    public Matrix dual() { return dual; }
    /** ||L_mm||_* (primal objective, an upper bound of the optimum). */
    public double nuclearNorm() { return nuclearNorm; }
    /** <Lambda, S> of the dual certificate (a lower bound of the optimum). */
    public double dualObjective() { return dualObjective; }
    /** Numerical rank of L_mm. */
    public int rank() { return rank; }
    /** True when S~ itself was proved optimal by Prop. 3 (no iterations). */
    public boolean certified() { return certified; }
    /** True when the relative gap and the primal violation are within the requested tolerances. */
    public boolean converged() { return converged; }
    /** (p - d) / max(p, tiny). */
    public double relativeDualityGap() { return relativeDualityGap; }
    public double equalitySpread() { return equalitySpread; }
    public double marginShortfall() { return marginShortfall; }
    public int iterations() { return iterations; }
    public double seconds() { return seconds; }
    public double svdSeconds() { return svdSeconds; }
    /** "trivial" (no margin constraint), "prop3-certificate" or "admm". */
    public String method() { return method; }
    public double certificateMaxOffSupportA() { return certificateMaxOffSupportA; }
    public double centeredSupportNuclearNorm() { return centeredSupportNuclearNorm; }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("V", lmm.rows);
        o.put("m", lmm.cols);
        o.put("method", method);
        o.put("nuclear_norm", nuclearNorm);
        o.put("dual_objective", dualObjective);
        o.put("relative_duality_gap", relativeDualityGap);
        o.put("rank", rank);
        o.put("certified_centered_support", certified);
        o.put("converged", converged);
        o.put("equality_spread", equalitySpread);
        o.put("margin_shortfall", marginShortfall);
        o.put("max_constraint_violation", Math.max(equalitySpread, marginShortfall));
        o.put("iterations", iterations);
        o.put("seconds", seconds);
        o.put("svd_seconds", svdSeconds);
        o.put("svd_time_share", seconds > 0 ? svdSeconds / seconds : 0);
        if (Double.isFinite(certificateMaxOffSupportA)) o.put("certificate_max_off_support_A", certificateMaxOffSupportA);
        else o.putNull("certificate_max_off_support_A");
        o.put("centered_support_nuclear_norm", centeredSupportNuclearNorm);
        return o;
    }

    /** Writes lmm.npy, dual.npy and svm.json into outDir (each atomically). */
    public void write(Path outDir) {
        Npy.write(outDir.resolve(LMM_FILE), NdArray.ofColumnMajor(lmm.data, lmm.rows, lmm.cols));
        if (dual != null) Npy.write(outDir.resolve(DUAL_FILE), NdArray.ofColumnMajor(dual.data, dual.rows, dual.cols));
        Json.write(outDir.resolve(JSON_FILE), toJson());
    }

    public static SvmSolution read(Path outDir) {
        Path npy = outDir.resolve(LMM_FILE), json = outDir.resolve(JSON_FILE);
        if (!Files.isRegularFile(npy) || !Files.isRegularFile(json)) {
            throw new UserError("not an NTP-SVM* output directory (needs " + LMM_FILE + " and " + JSON_FILE + "): " + outDir);
        }
        NdArray a = Npy.read(npy);
        if (a.ndim() != 2) throw new UserError(npy + " is not a 2-d array");
        Matrix l = new Matrix((int) a.shape()[0], (int) a.shape()[1], a.asColumnMajor());
        if (!l.isFinite()) throw new UserError(npy + " contains NaN or infinite entries");
        Matrix dual = null;
        if (Files.isRegularFile(outDir.resolve(DUAL_FILE))) {
            NdArray d = Npy.read(outDir.resolve(DUAL_FILE));
            dual = new Matrix((int) d.shape()[0], (int) d.shape()[1], d.asColumnMajor());
        }
        JsonNode o = Json.read(json);
        return new SvmSolution(l, dual, o.path("nuclear_norm").asDouble(Double.NaN), o.path("dual_objective").asDouble(Double.NaN),
                o.path("rank").asInt(), o.path("certified_centered_support").asBoolean(), o.path("converged").asBoolean(),
                o.path("relative_duality_gap").asDouble(Double.NaN), o.path("equality_spread").asDouble(Double.NaN),
                o.path("margin_shortfall").asDouble(Double.NaN), o.path("iterations").asInt(), o.path("seconds").asDouble(),
                o.path("svd_seconds").asDouble(), o.path("method").asText(""),
                o.path("certificate_max_off_support_A").isNumber() ? o.path("certificate_max_off_support_A").asDouble()
                        : Double.NEGATIVE_INFINITY,
                o.path("centered_support_nuclear_norm").asDouble(Double.NaN));
    }
}
