package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a dataset's summary.")
public final class DataShowCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'show' is not implemented yet");
    }
}
