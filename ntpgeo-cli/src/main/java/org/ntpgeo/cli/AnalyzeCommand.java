package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Measure a training run's geometry against the theory and write a report.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'analyze' is not implemented yet");
    }
}
