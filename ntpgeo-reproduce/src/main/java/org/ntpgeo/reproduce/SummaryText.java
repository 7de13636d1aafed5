package org.ntpgeo.reproduce;

import java.util.Locale;
import org.ntpgeo.geometry.Claims;

/** The plain-text summary the CLI prints after a reproduction: per experiment and run, status and claim verdicts. */
public final class SummaryText {
    private SummaryText() {}

    public static String of(Reproduction.Outcome o) {
        StringBuilder b = new StringBuilder();
        for (ExperimentResult r : o.results()) {
            b.append(String.format(Locale.ROOT, "%-24s V=%d m=%d H=%.4f  %s%n", r.name(), r.dataset().vocabSize(), r.dataset().contexts(),
                    r.dataset().entropy(), IndexPage.secs(r.seconds())));
            for (RunOutcome ro : r.runs()) {
                b.append(String.format(Locale.ROOT, "  %-12s %-10s", ro.label(), ro.status()));
                if (Double.isFinite(ro.ceMinusH())) b.append(String.format(Locale.ROOT, " CE-H=%-10.3e", ro.ceMinusH()));
                for (Claims.Claim c : ro.claims()) b.append(' ').append(c.id()).append('=').append(c.verdict().text);
                if (ro.claims().isEmpty() && !ro.status().equals("completed")) b.append(' ').append(ro.message());
                if (ro.cause() != null && ro.cause().log() != null) b.append(" (").append(r.name()).append('/').append(ro.cause().log()).append(')');
                b.append('\n');
            }
        }
        for (IndexPage.Failure f : o.failures()) {
            b.append(String.format(Locale.ROOT, "%-24s FAILED: %s%s%n", f.name(), f.cause().text(),
                    f.cause().log() == null ? "" : " (" + f.name() + "/" + f.cause().log() + ")"));
        }
        for (Reproduction.Skipped k : o.skipped()) {
            b.append(String.format(Locale.ROOT, "%-24s not run: %s; run it with:%n    %s%n", k.name(), k.reason(), k.command()));
        }
        b.append(String.format(Locale.ROOT, "total %s%s; report: %s%n", IndexPage.secs(o.seconds()),
                o.replaced() ? " (replaced the previous output)" : "", o.index()));
        return b.toString();
    }
}
