import java.nio.file.Path;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.ControlRuns;

/**
 * The negative controls of docs/REPORTS.md as run directories, for bench/claims_old_vs_new.sh.
 * Arguments: DATA_DIR TRAINED_UFM_RUN OUT_DIR DIM.
 */
public class MakeControls {
    public static void main(String[] a) {
        Path data = Path.of(a[0]), trained = Path.of(a[1]), out = Path.of(a[2]);
        int dim = Integer.parseInt(a[3]);
        NtpDataset ds = DatasetFiles.read(data);
        ControlRuns.writeIsotropic(out.resolve("common-vector"), data, ds, dim, 0.15, 1);   // common vector + 0.15 noise, random W
        ControlRuns.writeIsotropic(out.resolve("isotropic"), data, ds, dim, 1e3, 4);       // noise dominates: no common direction
        ControlRuns.writeShuffledColumns(trained, out.resolve("shuffled"), 2);
        ControlRuns.writeUntrained(out.resolve("untrained"), data, ds, dim, 0.1, null, 3);
    }
}
