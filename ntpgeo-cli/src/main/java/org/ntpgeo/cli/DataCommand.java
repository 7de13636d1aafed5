package org.ntpgeo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Build, generate and inspect NTP datasets.")
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand");
    }
}
