package org.ntpgeo.cli;

import java.io.PrintWriter;
import java.util.List;
import org.ntpgeo.reproduce.Reproduction;
import org.ntpgeo.reproduce.SummaryText;

/**
 * Prints a reproduction's summary and index path (stdout) and turns its problems into the exit code: 1 when an
 * experiment or run failed with an internal error (a bug), else 2 when one failed for a reason of the input or the
 * machine (a user error, a file, the memory), else 3 when a run diverged or NTP-SVM* did not converge, else 0. The
 * problems are also listed on stderr in one line; the reports keep every cause.
 */
final class ReproductionExit {
    private ReproductionExit() {}

    static int report(Reproduction.Outcome o, PrintWriter out) {
        out.print(SummaryText.of(o));
        out.println(o.index());
        out.flush();
        List<String> problems = o.problems();
        if (problems.isEmpty()) return 0;
        int code = code(o.exceptions(), o.notConverged());
        throw new Ntpgeo.ExitException(code == 0 ? 1 : code, problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems) + "; see " + o.index());
    }

    /** 1 if any exception is a bug, else 2 if there is any, else 3 when something did not converge, else 0. */
    static int code(List<Throwable> exceptions, boolean notConverged) {
        int code = 0;
        for (Throwable t : exceptions) {
            if (Ntpgeo.userMessage(t) == null) return 1;
            code = 2;
        }
        return code != 0 ? code : notConverged ? 3 : 0;
    }
}
