package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ensure-built, the build step of ./ntpgeo and bin/ntpgeo-spark, on a throw-away checkout with a stand-in for
 * Maven (NTPGEO_BUILD_COMMAND): rebuild when a source is added, deleted or edited (not when only touched), one
 * build for two first calls at once, and a clear error for a Java older than 17.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherBuildTest {
    private static final Path SCRIPT = Path.of("..", "bin", "ensure-built").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private record Result(int code, String err) {}

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NTPGEO_ROOT", root.toString());
        pb.environment().put("NTPGEO_BUILD_COMMAND", root.resolve("fake-build").toString());
        pb.environment().remove("NTPGEO_SKIP_BUILD");
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), err);
    }

    private Result ensureBuilt() throws IOException, InterruptedException {
        return run(Map.of(), "test", "ntpgeo-core", root.resolve("ntpgeo-core/target/out.jar").toString());
    }

    /** A checkout with two sources and a fake build that logs "start"/"end" around a pause and writes the output. */
    private void checkout() throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path src = Files.createDirectories(root.resolve("ntpgeo-core/src/main/java"));
        Files.writeString(root.resolve("ntpgeo-core/pom.xml"), "<project/>");
        Files.writeString(src.resolve("A.java"), "class A {}");
        Files.writeString(src.resolve("B.java"), "class B {}");
        Path fake = root.resolve("fake-build");
        Files.writeString(fake, "#!/usr/bin/env bash\nset -e\necho start >> \"$NTPGEO_ROOT/build.log\"\nsleep 1\n"
                + "mkdir -p \"$NTPGEO_ROOT/$1/target\"\ntouch \"$NTPGEO_ROOT/$1/target/out.jar\"\necho end >> \"$NTPGEO_ROOT/build.log\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String fingerprint() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "--fingerprint", "ntpgeo-core");
        pb.environment().put("NTPGEO_ROOT", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        assertTrue(out.matches("[0-9a-f]{64}"), out);
        return out;
    }

    private List<String> buildLog() throws IOException {
        Path log = root.resolve("build.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void fingerprintFollowsAddedDeletedAndEditedSourcesNotTimestamps() throws Exception {
        checkout();
        Path a = root.resolve("ntpgeo-core/src/main/java/A.java");
        String base = fingerprint();
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals(base, fingerprint(), "touching a file changes nothing");
        Path c = root.resolve("ntpgeo-core/src/main/java/C.java");
        Files.writeString(c, "class C {}");
        String added = fingerprint();
        assertNotEquals(base, added, "an added source");
        Files.delete(c);
        assertEquals(base, fingerprint(), "back to the same sources");
        Files.delete(root.resolve("ntpgeo-core/src/main/java/B.java"));
        assertNotEquals(base, fingerprint(), "a deleted source");
        Files.writeString(a, "class A { int x; }");
        assertNotEquals(base, fingerprint(), "an edited source");
    }

    @Test
    void buildsOnceThenAgainOnlyAfterASourceIsDeleted() throws Exception {
        checkout();
        assertEquals(0, ensureBuilt().code());
        assertEquals(List.of("start", "end"), buildLog());
        assertEquals(0, ensureBuilt().code());
        assertEquals(List.of("start", "end"), buildLog(), "nothing changed: no build");
        Files.delete(root.resolve("ntpgeo-core/src/main/java/B.java"));
        assertEquals(0, ensureBuilt().code());
        assertEquals(List.of("start", "end", "start", "end"), buildLog(), "a deleted source: rebuilt");
    }

    @Test
    void twoFirstCallsAtOnceBuildOnce() throws Exception {
        checkout();
        List<String> cmd = List.of("bash", SCRIPT.toString(), "test", "ntpgeo-core", root.resolve("ntpgeo-core/target/out.jar").toString());
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("NTPGEO_ROOT", root.toString());
            pb.environment().put("NTPGEO_BUILD_COMMAND", root.resolve("fake-build").toString());
            pb.environment().remove("NTPGEO_SKIP_BUILD");
            ps.add(pb.start());
        }
        for (Process p : ps) assertEquals(0, p.waitFor());
        assertEquals(List.of("start", "end"), buildLog(), "one build, not two interleaved ones");
    }

    @Test
    void touchedSourcesDoNotRebuildEditedOnesDo() throws Exception {
        checkout();
        assertEquals(0, ensureBuilt().code());
        Path a = root.resolve("ntpgeo-core/src/main/java/A.java");
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals(0, ensureBuilt().code());
        assertEquals(0, ensureBuilt().code());
        assertEquals(List.of("start", "end"), buildLog(), "touched only (the quick key differs, the content does not)");
        Files.writeString(a, "class A { int y; }");
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        assertEquals(0, ensureBuilt().code());
        assertEquals(List.of("start", "end", "start", "end"), buildLog(), "an edited source: rebuilt");
    }

    /** ROOT/DIR/bin/java that prints {@code version} as `java -version` does (and has no release file). */
    private void fakeJdk(String dir, String version) throws IOException {
        Path java = Files.createDirectories(root.resolve(dir).resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void readsTheJavaVersionFromTheReleaseFile() throws Exception {
        checkout();
        // the binary would claim 17; the release file says 11 and is what counts (no JVM is started)
        fakeJdk("jdk", "17.0.1");
        Files.writeString(root.resolve("jdk/release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"11.0.2\"\n");
        Result r = run(Map.of("JAVA_HOME", root.resolve("jdk").toString()), "--check-java");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Java 11.0.2"), r.err());
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        assertEquals(0, run(Map.of("JAVA_HOME", root.resolve("jdk").toString()), "--check-java").code());
    }

    @Test
    void refusesAJavaOlderThan17WithAClearMessage() throws Exception {
        checkout();
        fakeJdk("old-jdk", "11.0.2");
        Result r = run(Map.of("JAVA_HOME", root.resolve("old-jdk").toString()), "--check-java");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ntpgeo: error: ntpgeo needs a JDK 17 or newer"), r.err());
        assertTrue(r.err().contains("Java 11.0.2"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Result missing = run(Map.of("JAVA_HOME", root.resolve("no-such-jdk").toString()), "--check-java");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no Java found"), missing.err());
        assertEquals(List.of(), buildLog(), "no build was attempted");
    }
}
