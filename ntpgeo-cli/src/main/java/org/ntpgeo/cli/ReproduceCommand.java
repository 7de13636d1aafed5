package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Reproduce the paper's experiments end to end.")
public final class ReproduceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'reproduce' is not implemented yet");
    }
}
