package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "path", mixinStandardHelpOptions = true, description = "Solve the nuclear-norm regularisation path.")
public final class SolvePathCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new org.ntpgeo.common.UserError("'path' is not implemented yet");
    }
}
