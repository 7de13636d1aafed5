package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The help texts read as sentences, and 'ntpgeo completion' prints a bash/zsh script that completes the commands. */
class HelpAndCompletionTest {
    @TempDir
    Path dir;

    /** Every command and subcommand, with its qualified name. */
    private static List<CommandLine> all(CommandLine c) {
        List<CommandLine> out = new ArrayList<>();
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!out.contains(sub)) out.addAll(all(sub));
        return out;
    }

    /**
     * The one-line summary that 'ntpgeo --help' (and a parent command's help) lists for every command is a complete
     * sentence: a capital letter first, a full stop last, brackets and double quotes closed. A summary cut mid-sentence
     * (the first line of a longer description) fails.
     */
    @Test
    void everyCommandSummaryIsACompleteSentence() {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (CommandLine c : all(Ntpgeo.commandLine())) {
            CommandLine.Model.UsageMessageSpec u = c.getCommandSpec().usageMessage();
            String summary = u.header().length > 0 ? u.header()[0] : u.description().length > 0 ? u.description()[0] : "";
            String s = summary.strip();
            boolean ok = !s.isEmpty() && Character.isUpperCase(s.codePointAt(0)) && s.endsWith(".")
                    && count(s, '(') == count(s, ')') && count(s, '"') % 2 == 0;
            if (!ok) bad.add(c.getCommandSpec().qualifiedName() + ": " + summary);
            checked++;
        }
        assertTrue(checked >= 20, "walked the whole command tree: " + checked);
        assertEquals(List.of(), bad);
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    /**
     * A run builds the picocli model of the command it invokes only (a cold start pays for every model built), and the
     * names under which the command groups' subcommands are added in code are the names their annotations declare.
     */
    @Test
    void aRunBuildsOnlyTheInvokedCommandAndTheNamesMatchTheAnnotations() {
        CommandLine build = Ntpgeo.commandLine("data", "build", "--corpus", "x.txt", "--out", "o");
        assertEquals(List.of("data"), List.copyOf(build.getSubcommands().keySet()));
        assertEquals(List.of("build"), List.copyOf(build.getSubcommands().get("data").getSubcommands().keySet()));
        assertEquals(DataBuildCommand.class, build.getSubcommands().get("data").getSubcommands().get("build").getCommand().getClass());
        // no or an unknown subcommand: the whole group, in the order of its help
        assertEquals(List.of("build", "synth", "show"),
                List.copyOf(Ntpgeo.commandLine("data", "--help").getSubcommands().get("data").getSubcommands().keySet()));
        assertEquals(List.of("build", "synth", "show"),
                List.copyOf(Ntpgeo.commandLine("data", "biuld").getSubcommands().get("data").getSubcommands().keySet()));
        int subcommands = 0;
        for (CommandLine c : all(Ntpgeo.commandLine())) {
            for (var e : c.getSubcommands().entrySet()) {
                Class<?> type = e.getValue().getCommand().getClass();
                CommandLine.Command a = type.getAnnotation(CommandLine.Command.class);
                assertEquals(a.name(), e.getKey(), type.getName());
                subcommands++;
            }
        }
        assertTrue(subcommands >= 20, "walked the whole tree: " + subcommands);
    }

    /** The picocli converters that main() turns off are of types no option or parameter of any command has. */
    @Test
    void noOptionNeedsAConverterThatMainExcludes() {
        List<String> regexes = List.of(Ntpgeo.UNUSED_CONVERTERS.split(","));
        int args = 0;
        for (CommandLine c : all(Ntpgeo.commandLine())) {
            for (CommandLine.Model.ArgSpec a : c.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.auxiliaryTypes()));
                types.add(a.type());
                for (Class<?> t : types) {
                    for (String r : regexes) assertFalse(t.getName().matches(r), c.getCommandSpec().qualifiedName() + " " + a + ": " + t);
                }
                args++;
            }
        }
        assertTrue(args >= 100, "walked every option: " + args);
        assertTrue("java.time.Duration".matches(regexes.get(1)) && "java.sql.Time".matches(regexes.get(0)), "the patterns match");
    }

    @Test
    void topLevelHelpListsEveryCommandWithItsSentence() {
        DataCommandsTest.Run r = DataCommandsTest.run("--help");
        assertEquals(0, r.code());
        for (String c : List.of("demo", "data", "solve", "train", "run", "analyze", "report", "reproduce", "bench", "completion")) {
            assertTrue(r.out().contains("\n  " + c + " "), c + " listed:\n" + r.out());
        }
        assertTrue(r.out().contains("with a report per run and an index page."), r.out());
    }

    @Test
    void completionScriptNamesTheCommandsAndCompletesThemInBash() throws Exception {
        DataCommandsTest.Run r = DataCommandsTest.run("completion");
        assertEquals(0, r.code(), r.err());
        String script = r.out();
        for (String c : List.of("demo", "data", "build", "synth", "show", "solve", "svm", "path", "train", "run", "import", "analyze",
                "report", "compare", "reproduce", "bench", "completion", "--lr-schedule", "--grad-clip", "--corpus")) {
            assertTrue(script.contains(c), "the script mentions " + c);
        }
        assertTrue(script.contains("complete -F _complete_ntpgeo"), "registers itself for the command ntpgeo");
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash not installed");
        Path file = dir.resolve("ntpgeo-completion.bash");
        Files.writeString(file, script);
        // source it and ask for the completions of "ntpgeo rep" and "ntpgeo data b", as bash does on <TAB>
        String probe = "source '" + file + "' 2>/dev/null\n"
                + "COMP_WORDS=(ntpgeo rep); COMP_CWORD=1; COMP_LINE='ntpgeo rep'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_ntpgeo 2>/dev/null; echo \"1:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(ntpgeo data b); COMP_CWORD=2; COMP_LINE='ntpgeo data b'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_ntpgeo 2>/dev/null; echo \"2:${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder(bash.toString(), "-c", probe).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String got = new String(p.getInputStream().readAllBytes());
        assertTrue(got.contains("1:report reproduce"), got);
        assertTrue(got.contains("2:build"), got);
    }
}
