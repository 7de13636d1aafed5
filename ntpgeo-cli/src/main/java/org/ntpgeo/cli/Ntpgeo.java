package org.ntpgeo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.Preflight;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ntpgeo} command line. Thin: every command delegates to the library. */
@Command(name = "ntpgeo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compute the implicit geometry of next-token prediction and check it against trained models.",
                "From a text corpus to the geometry that NTP training gives word and context embeddings (Zhao et al.,",
                "COLM 2024).", ""},
        footer = {"", "Examples:",
                "  ./ntpgeo demo                                   # the whole story on embedded data, in minutes",
                "  ./ntpgeo data build --corpus stories.txt --context-length 6 --out ds",
                "  ./ntpgeo data synth --kind paper --out ds-paper",
                "  ./ntpgeo data show ds",
                "  ./ntpgeo solve svm --data ds --out theory",
                "  ./ntpgeo solve path --data ds --lambdas 1e-1:1e-6:12 --out path",
                "  ./ntpgeo train --data ds --model ufm --dim 128 --epochs 2000 --out run",
                "  ./ntpgeo run import --data ds --W W.npy --H H.npy --out run-mine   # embeddings trained elsewhere",
                "  ./ntpgeo analyze --run run --out report",
                "  ./ntpgeo reproduce synthetic --out repro",
                "  source <(./ntpgeo completion)                   # tab completion of commands and options (bash, zsh)",
                "", "Run 'ntpgeo COMMAND --help' for the options of a command. Exit codes: 0 ok; 2 bad input or usage, a",
                "task too large for the memory (checked before it starts) or out of memory, a file that cannot be",
                "read or written, a run in use by another process; 3 ran but did not converge / diverged (the outputs",
                "say so); 1 an internal error (a bug)."})
public final class Ntpgeo implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The commands, in the order the usage help lists them, and the subcommands of the command groups. They are added
     * to the command line in code, not in the annotations, so that a run can build the model of the one command it
     * invokes only (see {@link #commandLine(String...)}).
     */
    private static final Map<String, Class<?>> COMMANDS = commands();
    private static final Map<String, Map<String, Class<?>>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("demo", DemoCommand.class);
        m.put("data", DataCommand.class);
        m.put("solve", SolveCommand.class);
        m.put("train", TrainCommand.class);
        m.put("run", RunCommand.class);
        m.put("analyze", AnalyzeCommand.class);
        m.put("report", ReportCommand.class);
        m.put("reproduce", ReproduceCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    private static Map<String, Map<String, Class<?>>> subcommands() {
        Map<String, Map<String, Class<?>>> m = new LinkedHashMap<>();
        m.put("data", ordered("build", DataBuildCommand.class, "synth", DataSynthCommand.class, "show", DataShowCommand.class));
        m.put("solve", ordered("svm", SolveSvmCommand.class, "path", SolvePathCommand.class));
        m.put("run", ordered("import", RunImportCommand.class));
        m.put("report", ordered("compare", ReportCompareCommand.class));
        m.put("bench", ordered("data", BenchDataCommand.class, "ufm", BenchUfmCommand.class, "svm", BenchSvmCommand.class,
                "analyze", BenchAnalyzeCommand.class));
        return m;
    }

    private static Map<String, Class<?>> ordered(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        return m;
    }

    /** The command line with every command (usage help, tests). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a command other than {@code help}, only that
     * command's model is built, and of a command group (data, solve, ...) only the subcommand the second argument
     * names (picocli builds a model by reflection over every option of every command it is given, which a cold JVM
     * pays for at each start); otherwise (no command, an option, help, a misspelt command that deserves a
     * suggestion, or completion, whose script lists them all) every command, or every subcommand of the group.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Ntpgeo());
        String first = args.length > 0 ? args[0] : "";
        // help and completion describe the whole command tree
        Class<?> only = "help".equals(first) || "completion".equals(first) ? null : COMMANDS.get(first);
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (only != null && c.getValue() != only) continue;
            Map<String, Class<?>> subs = SUBCOMMANDS.get(c.getKey());
            if (subs == null) {
                cl.addSubcommand(c.getKey(), c.getValue());
                continue;
            }
            CommandLine group = new CommandLine(c.getValue());
            Class<?> onlySub = only != null && args.length > 1 ? subs.get(args[1]) : null;
            for (Map.Entry<String, Class<?>> s : subs.entrySet()) {
                if (onlySub == null || s.getValue() == onlySub) group.addSubcommand(s.getKey(), s.getValue());
            }
            cl.addSubcommand(c.getKey(), group);
        }
        cl.setExecutionExceptionHandler(Ntpgeo::handleExecutionException);
        cl.setParameterExceptionHandler(Ntpgeo::handleParameterException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Path.class, Ntpgeo::path);
        cl.setUsageHelpWidth(110);
        return cl;
    }

    /** Paths on the command line: an empty string names nothing (it would silently mean the current directory). */
    private static Path path(String s) {
        if (s.isBlank()) throw new CommandLine.TypeConversionException("an empty path names no file or directory");
        return Path.of(s);
    }

    /**
     * Runs a command line and returns the exit code (used by tests; {@link #main} exits with it). An
     * {@link OutOfMemoryError} that escapes a command becomes exit code 2 with one line, as a user error.
     */
    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("ntpgeo: error: " + outOfMemory());
            return 2;
        } finally {
            cl.getOut().flush(); // commands print through these writers; print() without a newline does not flush
            cl.getErr().flush();
        }
    }

    static final String PICOCLI_CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /** The built-in picocli converters that no option uses (regular expressions over class names). */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    public static void main(String[] args) {
        // figures are drawn off-screen: the process never needs a display (the library leaves this to its caller)
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // no option is of a java.sql or java.time type: picocli need not look these converters up by reflection for
        // every command line it builds (Class.forName and getMethod for about 20 classes, at each start)
        if (System.getProperty(PICOCLI_CONVERTER_EXCLUDES) == null) System.setProperty(PICOCLI_CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        Interrupts.install();
        int code;
        try {
            code = run(args);
        } finally {
            Interrupts.finished();
        }
        System.exit(code);
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
        if (ex instanceof ExitException e) {
            err.println("ntpgeo: " + e.getMessage());
            err.flush();
            return e.code;
        }
        String message = userMessage(ex);
        if (message != null) {
            err.println("ntpgeo: error: " + message.strip().replaceAll("\\s*\\R\\s*", " "));
            err.flush();
            return 2;
        }
        err.println("ntpgeo: internal error (a bug; please report it with the command line): " + ex);
        ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * The one-line message of a failure that is the user's or the machine's, not a bug (exit code 2), or null. In
     * order: out of memory anywhere in the cause chain; a user error (option errors name the command-line flags);
     * an I/O failure ("cannot write/read ..."); sizes beyond Java's integer ranges.
     */
    static String userMessage(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) return outOfMemory();
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptionError o) return o.render(Flags::of);
            if (t instanceof UserError) return t.getMessage();
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UncheckedIOException u) return ioMessage(u.getMessage(), u.getCause());
            if (t instanceof IOException io) return ioMessage(null, io);
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NegativeArraySizeException || (t instanceof ArithmeticException && String.valueOf(t.getMessage()).contains("overflow"))) {
                return "the input is too large for this command: a size overflows Java's integer range (" + t.getMessage() + ")";
            }
        }
        return null;
    }

    private static String ioMessage(String message, IOException cause) {
        if (message != null && message.startsWith("cannot ")) return message;
        if (cause instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return "cannot read or write " + f.getFile() + ": " + AtomicFiles.reason(f);
        }
        String m = message != null ? message : cause != null ? AtomicFiles.reason(cause) : "unknown I/O error";
        return "cannot read or write files: " + m;
    }

    private static String outOfMemory() {
        long max = Runtime.getRuntime().maxMemory();
        long suggest = Math.max(2, 2 * ((max + (1L << 30) - 1) >> 30));
        return "out of memory (the Java heap limit is " + Preflight.bytes(max) + "); rerun with JAVA_OPTS=-Xmx" + suggest
                + "g ./ntpgeo ..., or use smaller options or a smaller dataset";
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
