package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.data.DatasetFiles;
import org.ntpgeo.data.NtpDataset;

/**
 * The PyTorch export of docs/IMPORT.md (docs/examples/export_torch.py) against {@code ntpgeo run import}: the loss
 * ntpgeo computes from the imported W and H equals the one PyTorch computed from its own model. Skipped without
 * Debian's python3-torch.
 */
class TorchExportExampleTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "docs", "examples", "export_torch.py");

    @TempDir
    Path tmp;

    private static String python(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : null;
    }

    @Test
    void theDocumentedExportImportsAndAgreesWithPyTorch() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && python("-c", "import torch, numpy") != null, "no python3 with torch");
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toAbsolutePath().toString());
        // a dataset with input tokens: m = 40 contexts of 3 ids in [0, 20), supports of 1..3 of V = 12 next tokens
        Random rng = new Random(8);
        List<Map<Integer, Long>> cols = new ArrayList<>();
        int[] ctx = new int[40 * 3];
        for (int j = 0; j < 40; j++) {
            Map<Integer, Long> c = new HashMap<>();
            int k = 1 + rng.nextInt(3);
            while (c.size() < k) c.put(rng.nextInt(12), 1L + rng.nextInt(4));
            cols.add(c);
            for (int t = 0; t < 3; t++) ctx[3 * j + t] = rng.nextInt(20);
        }
        NtpDataset base = NtpDataset.fromColumns(12, cols, null);
        Path data = Files.createDirectories(tmp.resolve("ds"));
        DatasetFiles.write(data, new NtpDataset(12, base.colPtr(), base.supportTokensFlat(), base.countsFlat(), null, 3, ctx), null);

        String out = python(SCRIPT.toString(), "--data", data.toString(), "--out", tmp.resolve("exported").toString(), "--epochs", "40",
                "--every", "20", "--dim", "8");
        assertTrue(out != null, "the example script failed");
        double torchCe = Double.parseDouble(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        Path run = tmp.resolve("run");
        Cli.Outcome o = Cli.run("run", "import", "--data", data.toString(), "--checkpoints", tmp.resolve("exported").toString(), "--model",
                "torch-mlp", "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(List.of("0", "20", "40"), rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).toList());
        double first = Double.parseDouble(rows.get(1).split(",")[1]), last = Double.parseDouble(rows.get(3).split(",")[1]);
        assertEquals(torchCe, last, 1e-10 * Math.abs(torchCe), "CE(W H) in ntpgeo = PyTorch's cross-entropy of its own logits");
        assertTrue(last < first, "the model trained: " + first + " -> " + last);
    }
}
