package org.ntpgeo.cli;

import java.nio.file.Path;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.io.Provenance;
import picocli.CommandLine.Option;

/** {@code --data DIR}: the dataset a command works on (picocli mixin). */
final class DatasetOption {
    @Option(names = "--data", required = true, description = "Dataset directory (or its dataset.npz).")
    Path data;

    NtpDataset read() {
        return DatasetFiles.read(data);
    }

    /** A provenance block for a file written by {@code createdBy} from this dataset (path and sha256 recorded). */
    Provenance provenance(String createdBy) {
        return DatasetFiles.recordInput(Provenance.of(createdBy), data);
    }
}
