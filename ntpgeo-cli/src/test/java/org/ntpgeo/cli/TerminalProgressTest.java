package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.Progress;
import org.ntpgeo.common.ProgressListener;

class TerminalProgressTest {
    @Test
    void messagesArePrintedAndShortTasksLeaveNoLineInALog() {
        Assumptions.assumeTrue(System.console() == null, "the error stream of a test run is not a terminal");
        StringWriter w = new StringWriter();
        ProgressListener p = new TerminalProgress(new PrintWriter(w), true);
        p.message("ntpgeo: step one");
        try (Progress bar = p.start("count", 10)) {
            bar.update(5, "half");
            bar.update(10);
        }
        assertEquals("ntpgeo: step one" + System.lineSeparator(), w.toString());
    }

    @Test
    void offMeansNothingAtAll() {
        StringWriter w = new StringWriter();
        ProgressListener p = TerminalProgress.orNone(false, new PrintWriter(w));
        p.message("ntpgeo: step one");
        try (Progress bar = p.start("count", 10)) {
            bar.update(10, "done");
        }
        assertEquals("", w.toString());
    }
}
