package org.ntpgeo.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;
import org.ntpgeo.data.NtpDataset;

/** The solvers report through the listener they are given and print nothing themselves. */
class ProgressReportingTest {
    /** Records tasks, their last update and messages. */
    static final class Recorder implements ProgressListener {
        final List<String> tasks = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final List<Long> lastDone = new ArrayList<>();
        int closed;

        @Override
        public Progress start(String label, long total) {
            tasks.add(label);
            int index = lastDone.size();
            lastDone.add(-1L);
            return new Progress() {
                @Override
                public void update(long doneUnits, String info) {
                    lastDone.set(index, doneUnits);
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }

        @Override
        public void message(String line) {
            messages.add(line);
        }
    }

    @Test
    void svmTraceGoesToTheListenerAndNothingIsPrinted() {
        NtpDataset ds = SupportPatterns.random(12, 31, 1, 5, 2);
        Recorder verbose = new Recorder();
        SvmSolution[] solved = new SvmSolution[1];
        String printed = captureStandardStreams(() -> solved[0] = NtpSvmSolver.solve(ds, SvmOptions.defaults().withVerbose(true).withProgress(verbose)));
        assertEquals(List.of("svm"), verbose.tasks);
        assertEquals(1, verbose.closed);
        assertTrue(solved[0].iterations() >= NtpSvmSolver.CHECK_EVERY, "this instance needs iterations: " + solved[0].iterations());
        assertEquals(solved[0].iterations() / NtpSvmSolver.CHECK_EVERY, verbose.messages.size(), "one trace line per check");
        assertTrue(verbose.messages.get(0).startsWith("it "), verbose.messages.get(0));
        assertEquals("", printed);

        Recorder quiet = new Recorder();
        NtpSvmSolver.solve(ds, SvmOptions.defaults().withProgress(quiet));
        assertTrue(quiet.messages.isEmpty(), "no trace unless verbose");
    }

    @Test
    void pathReportsOneUnitPerLambda() {
        NtpDataset ds = SupportPatterns.random(8, 20, 1, 4, 5);
        Recorder r = new Recorder();
        double[] lambdas = {1e-1, 1e-2, 1e-3};
        String printed = captureStandardStreams(() -> RegularizationPath.solve(ds, lambdas,
                PathOptions.defaults().withMaxIterations(200).withProgress(r).withVerbose(true)));
        assertEquals(List.of("path"), r.tasks);
        assertEquals(3L, r.lastDone.get(0));
        assertEquals(3, r.messages.size(), "one log line per lambda");
        assertEquals("", printed);
    }

    private static String captureStandardStreams(Runnable body) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            body.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
