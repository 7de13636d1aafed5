package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/class-archive, the class-data archive of ./ntpgeo, with a stand-in for java that logs its training and check
 * runs (training, dump, check): one training per java and set of jars, reuse afterwards, a new archive (and the old one deleted) when a jar
 * changes, a truncated archive never handed to the JVM, a failed training that neither fails the launch nor is
 * retried, and NTPGEO_CDS=0.
 */
@EnabledOnOs(OS.LINUX)
class ClassArchiveTest {
    private static final Path SCRIPT = Path.of("..", "bin", "class-archive").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path java;
    private Path cds;
    private String classPath;

    private record Result(int code, String out) {}

    @BeforeEach
    void fakeJdkAndJars() throws IOException {
        Path bin = Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"17.0.99\"\n");
        java = bin.resolve("java");
        // training: writes a class list to the -XX:DumpLoadedClassList file; the dump (-Xshare:dump) writes 1000
        // bytes to the -XX:SharedArchiveFile file; the check (-Xshare:on) succeeds; all of them fail while the file
        // 'fail' exists; every run is logged
        Files.writeString(java, """
                #!/usr/bin/env bash
                log="$(dirname "$0")/../../runs.log"
                [ -e "$(dirname "$0")/../../fail" ] && { echo fail >> "$log"; exit 1; }
                archive=""; dump=0
                for a in "$@"; do
                  case "$a" in
                    -XX:DumpLoadedClassList=*) echo "org/ntpgeo/cli/Ntpgeo id: 1" > "${a#*=}"; echo train >> "$log" ;;
                    -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
                    -Xshare:dump) dump=1 ;;
                    -Xshare:on) echo check >> "$log" ;;
                  esac
                done
                if [ "$dump" = 1 ]; then head -c 1000 /dev/zero > "$archive"; echo dump >> "$log"; fi
                exit 0
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("app.jar"), "app");
        Files.writeString(root.resolve("lib/dep.jar"), "dep");
        classPath = root.resolve("app.jar") + ":" + root.resolve("lib") + "/*";
        cds = root.resolve("cds");
    }

    private Result archive(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), java.toString(), classPath)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NTPGEO_CDS_DIR", cds.toString());
        pb.environment().remove("NTPGEO_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(p.waitFor(), out);
    }

    private Result archive() throws IOException, InterruptedException {
        return archive(Map.of());
    }

    private List<String> runs() throws IOException {
        Path log = root.resolve("runs.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static Path archivePath(Result r) {
        assertTrue(r.out().startsWith("-XX:SharedArchiveFile="), r.out());
        return Path.of(r.out().substring("-XX:SharedArchiveFile=".length()));
    }

    @Test
    void trainsOnceThenReusesTheArchive() throws Exception {
        Result first = archive();
        assertEquals(0, first.code());
        Path a = archivePath(first);
        assertEquals(1000, Files.size(a));
        assertEquals(List.of("train", "dump", "check"), runs());
        Result second = archive();
        assertEquals(first.out(), second.out());
        assertEquals(List.of("train", "dump", "check"), runs(), "no second training");
        try (var files = Files.list(cds)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".jsa.")
                    && !f.toString().endsWith(".size")), "no temporary archive left");
        }
    }

    @Test
    void aChangedJarGetsANewArchiveAndTheOldOneIsDeleted() throws Exception {
        Path a = archivePath(archive());
        Path jar = root.resolve("lib/dep.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Path b = archivePath(archive());
        assertNotEquals(a, b);
        assertTrue(Files.exists(b));
        assertFalse(Files.exists(a), "the archive of the old jars is deleted");
        assertEquals(List.of("train", "dump", "check", "train", "dump", "check"), runs());
    }

    @Test
    void aTruncatedArchiveIsNeverHandedToTheJvm() throws Exception {
        Path a = archivePath(archive());
        Files.write(a, new byte[10]);
        Result again = archive();
        assertEquals(List.of("train", "dump", "check", "train", "dump", "check"), runs(), "made again");
        assertEquals(1000, Files.size(archivePath(again)));
    }

    @Test
    void aFailedTrainingRunsWithoutAnArchiveAndIsNotRetried() throws Exception {
        Files.writeString(root.resolve("fail"), "");
        Result r = archive();
        assertEquals(0, r.code());
        assertEquals("", r.out(), "no archive option");
        assertEquals(List.of("fail"), runs());
        assertEquals(0, archive().code());
        assertEquals(List.of("fail"), runs(), "not retried for the same java and jars");
    }

    @Test
    void offWithNtpgeoCds0() throws Exception {
        Result r = archive(Map.of("NTPGEO_CDS", "0"));
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertEquals(List.of(), runs());
    }
}
