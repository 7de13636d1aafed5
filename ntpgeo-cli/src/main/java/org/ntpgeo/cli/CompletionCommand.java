package org.ntpgeo.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the bash/zsh completion script that picocli generates from the command tree (so it never goes stale). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for ntpgeo's commands and options (bash, or zsh with bashcompinit).",
                "Enable it in the current shell with: source <(./ntpgeo completion)",
                "For every new shell: ./ntpgeo completion > ~/.ntpgeo-completion.bash and add",
                "'source ~/.ntpgeo-completion.bash' to ~/.bashrc (zsh: to ~/.zshrc; the script loads bashcompinit itself)."})
public final class CompletionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("ntpgeo", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
