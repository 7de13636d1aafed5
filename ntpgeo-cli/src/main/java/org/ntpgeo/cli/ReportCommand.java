package org.ntpgeo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Write reports across runs.")
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand");
    }
}
