package org.ntpgeo.cli;

import java.io.PrintWriter;
import org.ntpgeo.common.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ntpgeo} command line. Thin: every command delegates to the library. */
@Command(name = "ntpgeo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"The implicit geometry of next-token prediction: from a text corpus to the geometry",
                "that NTP training gives word and context embeddings, checked against trained models.", ""},
        subcommands = {DemoCommand.class, DataCommand.class, SolveCommand.class, TrainCommand.class,
                AnalyzeCommand.class, ReportCommand.class, ReproduceCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  ./ntpgeo demo                                   # the whole story on embedded data, in minutes",
                "  ./ntpgeo data build --corpus stories.txt --context-length 6 --out ds",
                "  ./ntpgeo data synth --kind paper --out ds-paper",
                "  ./ntpgeo data show ds",
                "  ./ntpgeo solve svm --data ds --out theory",
                "  ./ntpgeo solve path --data ds --lambdas 1e-1:1e-6:12 --out path",
                "  ./ntpgeo train --data ds --model ufm --dim 128 --epochs 2000 --out run",
                "  ./ntpgeo analyze --run run --out report",
                "  ./ntpgeo reproduce synthetic --out repro",
                "", "Run 'ntpgeo COMMAND --help' for the options of a command. Exit codes: 0 ok, 1 internal error,",
                "2 bad input or usage, 3 ran but did not converge / diverged (the outputs say so)."})
public final class Ntpgeo implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Ntpgeo());
        cl.setExecutionExceptionHandler(Ntpgeo::handleExecutionException);
        cl.setParameterExceptionHandler(Ntpgeo::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(110);
        return cl;
    }

    /** Runs a command line and returns the exit code (used by tests; {@link #main} exits with it). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("ntpgeo: error: " + ex.getMessage());
        err.println("  (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return 2;
    }

    private static int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable t = ex;
        while (!(t instanceof UserError) && t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (ex instanceof UserError || t instanceof UserError) {
            err.println("ntpgeo: error: " + (t instanceof UserError ? t.getMessage() : ex.getMessage()));
            err.flush();
            return 2;
        }
        if (ex instanceof ExitException e) {
            err.println("ntpgeo: " + e.getMessage());
            err.flush();
            return e.code;
        }
        if (ex.getCause() instanceof OutOfMemoryError) {
            err.println("ntpgeo: error: out of memory; give Java more heap, e.g. JAVA_OPTS=-Xmx16g ./ntpgeo ...");
            err.flush();
            return 1;
        }
        err.println("ntpgeo: internal error (a bug; please report it with the command line): " + ex);
        ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** A command that ran but must end with a specific exit code and message (e.g. 3 for "did not converge"). */
    public static final class ExitException extends RuntimeException {
        final int code;

        public ExitException(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
