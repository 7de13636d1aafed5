package org.ntpgeo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Test helper: runs the command line in-process (capturing stderr) or as a separate JVM that tests can signal. */
final class Cli {
    private Cli() {}

    /** Exit code and what the command printed to its error writer. */
    record Outcome(int code, String err) {}

    static Outcome run(String... args) {
        CommandLine cl = Ntpgeo.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, err.toString());
    }

    /** {@code java ... org.ntpgeo.cli.Ntpgeo args} with this test's class path; stderr goes to {@code errFile}. */
    static Process start(Path errFile, List<String> jvmOptions, String... args) throws Exception {
        return startMain("org.ntpgeo.cli.Ntpgeo", errFile, jvmOptions, args);
    }

    static Process startMain(String mainClass, Path errFile, List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errFile.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NTPGEO_NO_PROGRESS", "1");
        return pb.start();
    }

    /** Polls {@code condition} every millisecond until it holds (true) or {@code seconds} pass or {@code p} ends (false). */
    static boolean await(Process p, double seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            if (p != null && !p.isAlive()) return condition.getAsBoolean();
            Thread.sleep(1);
        }
        return false;
    }

    /** Waits for the process to end (at most a minute) and returns its exit code. */
    static int waitFor(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the process did not end within a minute");
        }
        return p.exitValue();
    }

    /** Names in {@code dir} that start with "." + {@code name} + ".staging-" (debris of a staged output). */
    static List<String> staging(Path dir, String name) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + name + ".staging-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
