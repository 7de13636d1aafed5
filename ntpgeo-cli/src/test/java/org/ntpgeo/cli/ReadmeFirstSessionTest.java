package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpgeo.reproduce.CorpusFile;
import picocli.CommandLine;

/**
 * README's "A first session" works outside the development layout: it says where the corpus comes from and under
 * which licence, fetches it with the same line the command-line errors print, never points at the development
 * checkout's ../shared, and every ntpgeo command it shows parses (the command and every option exist).
 */
class ReadmeFirstSessionTest {
    private static String session() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("## A first session");
        assertTrue(start >= 0, "README has the section 'A first session'");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The shell commands of the section's code blocks, continuation lines joined, comments removed. */
    private static List<String> commands(String section) {
        List<String> out = new ArrayList<>();
        boolean code = false;
        StringBuilder cur = new StringBuilder();
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (!code) continue;
            String l = line.replaceAll("\\s+#.*$", "").strip();
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            cur.append(l);
            if (!cur.toString().isBlank()) out.add(cur.toString().strip());
            cur.setLength(0);
        }
        return out;
    }

    @Test
    void corpusSourceLicenceAndFetchLine() throws IOException {
        String s = session();
        assertTrue(s.contains("roneneldan/TinyStories"), "names the Hugging Face dataset");
        assertTrue(s.contains("CDLA-Sharing-1.0"), "names the licence");
        List<String> cmds = commands(s);
        assertTrue(cmds.contains(CorpusFile.FETCH), "fetches with the line the errors print: " + CorpusFile.FETCH + "\n" + cmds);
        assertTrue(cmds.stream().anyMatch(c -> c.startsWith("STORIES=")), "a STORIES variable: " + cmds);
        for (String c : cmds) assertFalse(c.contains("../shared"), "no development-layout path: " + c);
        assertTrue(cmds.stream().filter(c -> c.contains("--corpus")).allMatch(c -> c.contains("--corpus \"$STORIES\"")),
                "every corpus is $STORIES: " + cmds);
    }

    /** Every './ntpgeo ...' line of the session parses: a typo in a command or option name fails here. */
    @Test
    void everyNtpgeoCommandOfTheSessionParses() throws IOException {
        int parsed = 0;
        for (String c : commands(session())) {
            if (!c.startsWith("./ntpgeo ")) continue;
            String[] args = c.substring("./ntpgeo ".length()).replace("\"$STORIES\"", "stories.txt").split("\\s+");
            CommandLine cl = Ntpgeo.commandLine();
            try {
                cl.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                fail("README command does not parse: " + c + ": " + e.getMessage());
            }
            parsed++;
        }
        assertTrue(parsed >= 8, "the session shows the main commands: " + parsed);
    }
}
