package org.ntpgeo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.geometry.RunReader;

class SyntheticRunTest {
    @Test
    void fixtureHasTheAskedShapeAndReadsAsARun(@TempDir Path dir) {
        NtpDataset ds = SyntheticRun.dataset(30, 200, 1);
        assertEquals(30, ds.vocabSize());
        assertEquals(200, ds.contextCount());
        assertEquals(50, ds.supportClassCount(), "contexts / 4 support classes");
        for (int j = 0; j < ds.contextCount(); j++) assertTrue(ds.support(j).length >= 1 && ds.support(j).length <= 4);
        SyntheticRun.write(dir.resolve("data"), dir.resolve("run"), ds, 5, 3, 2);
        assertEquals(ds.entropy(), DatasetFiles.read(dir.resolve("data")).entropy(), 0);
        assertEquals(3, RunReader.open(dir.resolve("run"), null).checkpoints().size());
    }

    @Test
    void cpuTimeIsReadAndDoesNotGoBack() {
        long a = Machine.processCpuNanos();
        long b = Machine.processCpuNanos();
        assertTrue(a > 0 && b >= a, a + " then " + b);
    }
}
