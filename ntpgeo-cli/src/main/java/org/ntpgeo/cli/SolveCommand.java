package org.ntpgeo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "solve", mixinStandardHelpOptions = true, description = "Solve the theory: NTP-SVM* (L_mm) and the regularisation path.")
public final class SolveCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand");
    }
}
