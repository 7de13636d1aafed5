package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch key of ./ntpgeo: once bin/ensure-built and bin/class-archive have found everything current, later
 * launches skip both while nothing they look at changed, and run them again when something did (a source edited,
 * added or deleted, a truncated archive, NTPGEO_CDS). On a throw-away checkout with the real scripts, a stand-in for Maven
 * (NTPGEO_BUILD_COMMAND) and a stand-in for java (JAVA_HOME) that log what they are asked to do.
 */
@EnabledOnOs(OS.LINUX)
class LaunchKeyTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("ntpgeo-core", "ntpgeo-bpe", "ntpgeo-neural", "ntpgeo-bench",
            "ntpgeo-reproduce", "ntpgeo-cli");

    @TempDir
    Path root;

    private Path log;

    @BeforeEach
    void checkout() throws IOException {
        log = root.resolve("runs.log");
        Files.createDirectories(root.resolve("bin"));
        copyScript(REPO.resolve("ntpgeo"), root.resolve("ntpgeo"));
        copyScript(REPO.resolve("bin/class-archive"), root.resolve("bin/class-archive"));
        copyScript(REPO.resolve("bin/ensure-built"), root.resolve("bin/ensure-built.real"));
        // the build check, logged (it keeps its name: the launcher calls bin/ensure-built); a build appends to the jar,
        // so that every build makes a jar of another size (and so a new archive)
        script(root.resolve("bin/ensure-built"), "[ \"$1\" = --sources ] || echo ensure-built >> \"" + log + "\"\nexec \"$(dirname \"$0\")/ensure-built.real\" \"$@\"\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String m : MODULES) {
            Files.createDirectories(root.resolve(m).resolve("src/main/java"));
            Files.writeString(root.resolve(m).resolve("pom.xml"), "<project/>");
        }
        Files.writeString(root.resolve("ntpgeo-core/src/main/java/A.java"), "class A {}");
        script(root.resolve("fake-build"), "echo build >> \"" + log + "\"\nt=\"$NTPGEO_ROOT/$1/target\"\n"
                + "mkdir -p \"$t/lib\"\necho jar >> \"$t/ntpgeo.jar\"\necho dep > \"$t/lib/dep.jar\"\n");
        // java: training, dump and check runs of bin/class-archive as in ClassArchiveTest; any other run logs
        // "run" and its archive option
        Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"17.0.99\"\n");
        script(root.resolve("jdk/bin/java"), """
                log="%s"
                archive=""; dump=0; kind=run
                for a in "$@"; do
                  case "$a" in
                    -XX:DumpLoadedClassList=*) echo "org/ntpgeo/cli/Ntpgeo id: 1" > "${a#*=}"; kind=train ;;
                    -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
                    -Xshare:dump) kind=dump ;;
                    -Xshare:on) kind=check ;;
                  esac
                done
                case "$kind" in
                  dump) head -c 1000 /dev/zero > "$archive"; echo dump >> "$log" ;;
                  run) echo "run ${archive:+archive}" >> "$log" ;;
                  *) echo "$kind" >> "$log" ;;
                esac
                exit 0
                """.formatted(log));
    }

    private static void copyScript(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs ./ntpgeo --version and returns what was logged during the launch. */
    private List<String> launch(Map<String, String> env) throws IOException, InterruptedException {
        List<String> before = logged();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("ntpgeo").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("NTPGEO_BUILD_COMMAND", root.resolve("fake-build").toString());
        pb.environment().put("NTPGEO_ROOT", root.toString());
        for (String k : List.of("NTPGEO_SKIP_BUILD", "NTPGEO_CDS", "NTPGEO_CDS_DIR", "JAVA_OPTS")) pb.environment().remove(k);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> after = logged();
        return new ArrayList<>(after.subList(before.size(), after.size()));
    }

    private List<String> launch() throws IOException, InterruptedException {
        return launch(Map.of());
    }

    private List<String> logged() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().map(String::strip).toList() : List.of();
    }

    @Test
    void aCurrentLaunchSkipsTheChecksAndAChangedSourceRebuilds() throws Exception {
        assertEquals(List.of("ensure-built", "build", "train", "dump", "check", "run archive"), launch());
        assertTrue(Files.exists(root.resolve("ntpgeo-cli/target/.launch")));
        assertEquals(List.of("run archive"), launch(), "nothing changed: neither check runs");
        assertEquals(List.of("run archive"), launch());
        Files.writeString(root.resolve("ntpgeo-core/src/main/java/A.java"), "class A { int edited; }");
        List<String> edited = launch();
        assertEquals(List.of("ensure-built", "build", "train", "dump", "check", "run archive"), edited,
                "an edited source is built (new jars, so a new archive)");
        assertEquals(List.of("run archive"), launch());
        Files.writeString(root.resolve("ntpgeo-cli/src/main/java/B.java"), "class B {}");
        assertTrue(launch().contains("build"), "an added source is built");
        assertEquals(List.of("run archive"), launch());
        Files.delete(root.resolve("ntpgeo-cli/src/main/java/B.java"));
        assertTrue(launch().contains("build"), "a deleted source is built");
    }

    @Test
    void aTruncatedArchiveIsMadeAgainNotMapped() throws Exception {
        launch();
        Path cds = root.resolve("ntpgeo-cli/target/cds");
        Path archive;
        try (var files = Files.list(cds)) {
            archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow();
        }
        Files.write(archive, new byte[10]);
        assertEquals(List.of("ensure-built", "train", "dump", "check", "run archive"), launch());
        assertEquals(1000, Files.size(archive));
        assertEquals(List.of("run archive"), launch());
    }

    @Test
    void cdsOffAndSkipBuildAreHonoured() throws Exception {
        launch();
        assertEquals(List.of("ensure-built", "run"), launch(Map.of("NTPGEO_CDS", "0")), "no archive with NTPGEO_CDS=0");
        assertEquals(List.of("run"), launch(Map.of("NTPGEO_CDS", "0")));
        assertEquals(List.of("ensure-built", "run archive"), launch(), "the archive again without it");
        Files.writeString(root.resolve("ntpgeo-core/src/main/java/A.java"), "class A { int skipped; }");
        assertEquals(List.of("ensure-built", "run archive"), launch(Map.of("NTPGEO_SKIP_BUILD", "1")),
                "NTPGEO_SKIP_BUILD=1: no build");
        assertTrue(launch().contains("build"), "and a launch without it still builds the edit");
    }
}
