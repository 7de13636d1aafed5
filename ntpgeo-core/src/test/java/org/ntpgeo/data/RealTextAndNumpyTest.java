package org.ntpgeo.data;

import org.ntpgeo.common.ProgressListener;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpgeo.io.PythonNumpy;

class RealTextAndNumpyTest {
    @TempDir
    Path dir;

    static Path findUp(String rel) {
        return SharedFiles.find(rel);
    }

    @Test
    void tinyStoriesValidationHead() throws Exception {
        Path text = findUp("data/tinystories/validation-head.txt");
        assumeTrue(text != null, "shared TinyStories sample not found");
        BuildOptions o = BuildOptions.defaults(6).withDocuments(DocumentSplitter.BLANK_LINE);
        Path out = dir.resolve("ts");
        var built = CorpusDatasetBuilder.buildTo(out, false, List.of(text), o, ProgressListener.NONE);
        NtpDataset ds = built.dataset();

        // independent count: blank-line paragraphs, word tokens, sliding windows of 6, string keys
        Map<String, Map<String, Integer>> naive = new HashMap<>();
        long n = 0;
        Set<String> vocab = new HashSet<>();
        Tokenizer word = new WordTokenizer();
        for (String para : Files.readString(text).split("\n([ \t\r]*\n)+")) {
            List<String> tok = word.tokenize(para);
            vocab.addAll(tok);
            for (int i = 0; i + 6 <= tok.size(); i++) {
                naive.computeIfAbsent(String.join("\u0001", tok.subList(i, i + 5)), k -> new HashMap<>()).merge(tok.get(i + 5), 1, Integer::sum);
                n++;
            }
        }
        assertEquals(naive.size(), ds.contextCount());
        assertEquals(n, ds.pairCount());
        assertEquals(vocab.size(), ds.vocabSize());
        assertTrue(ds.entropy() > 0 && ds.entropy() < Math.log(ds.vocabSize()));
        // a spot check: context 0 is the first five words of the file
        List<String> firstWords = word.tokenize(Files.readString(text).split("\n")[0]).subList(0, 5);
        for (int i = 0; i < 5; i++) assertEquals(firstWords.get(i), ds.tokenName(ds.contextTokens(0)[i]));

        Path py = PythonNumpy.find();
        assumeTrue(py != null, "python3 with numpy not found");
        String res = PythonNumpy.run(py, """
                import sys, numpy as np
                z = np.load(sys.argv[1], allow_pickle=False)
                assert z['V'].dtype == np.int64 and z['V'].shape == ()
                assert z['support_token'].dtype == np.int32 and z['count'].dtype == np.int64
                assert z['contexts'].dtype == np.int32 and z['contexts'].shape == (int(z['m']), 5)
                assert len(z['tokens']) == int(z['V']) and len(z['input_tokens']) == int(z['V'])
                print(int(z['V']), int(z['m']), int(z['count'].sum()), len(set(map(tuple, z['contexts'].tolist()))))
                """, out.resolve(DatasetFiles.NPZ).toString());
        assertEquals(ds.vocabSize() + " " + ds.contextCount() + " " + n + " " + ds.contextCount(), res.trim());
        Path check = findUp("tools/check-dataset-npz");
        if (check != null) {
            Process p = new ProcessBuilder("bash", check.toString(), out.resolve(DatasetFiles.NPZ).toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), log);
        }
    }
}
