package org.ntpgeo.geometry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ntpgeo.common.UserError;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.NdArray;
import org.ntpgeo.io.Npy;
import org.ntpgeo.linalg.Matrix;

/** Obtains L_mm for a dataset: from a solver output directory ({@code --svm}) or by solving NTP-SVM*. */
public final class ReferenceLoader {
    private ReferenceLoader() {}

    /** The theory references of {@code ds}; {@code svmDir} may be null (then L_mm is solved here). */
    public static TheoryReference load(NtpDataset ds, Path svmDir, boolean progress) {
        if (svmDir != null) {
            Path f = svmDir.resolve("lmm.npy");
            if (!Files.exists(f)) throw new UserError("no L_mm in " + svmDir + " (expected lmm.npy from 'ntpgeo solve svm')");
            NdArray a = Npy.read(f);
            long[] s = a.shape();
            Matrix lmm = new Matrix((int) s[0], (int) s[1], a.asColumnMajor());
            return TheoryReference.of(ds, lmm, -1, "read from " + svmDir.toAbsolutePath());
        }
        // TEMPORARY (until NtpSvmSolver is merged): S~, which is L_mm when the Prop. 3 certificate holds
        Matrix st = TheoryFallback.centeredSupport(ds);
        return TheoryReference.of(ds, st, -1, "S~ (NTP-SVM* solver not available in this build)");
    }
}
