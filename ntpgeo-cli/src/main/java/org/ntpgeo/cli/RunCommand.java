package org.ntpgeo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Work with run directories (the ntpgeo-run/1 format of docs/IMPORT.md).")
public final class RunCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand");
    }
}
