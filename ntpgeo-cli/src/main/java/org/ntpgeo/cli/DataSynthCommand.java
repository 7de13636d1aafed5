package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "synth", mixinStandardHelpOptions = true, description = "Generate a synthetic NTP dataset (random, symmetric or the paper's).")
public final class DataSynthCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'synth' is not implemented yet");
    }
}
