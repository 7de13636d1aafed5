package org.ntpgeo.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntpgeo.io.AtomicFiles;
import org.ntpgeo.io.Json;

/**
 * Why a step of a reproduction failed: the exception's class and message, its first stack frames, and the log file
 * with the whole stack trace (cause chain included). Kept in experiment.json, summary.json and on the index page;
 * the command line maps {@link #throwable()} to its exit code (a user or machine problem, or a bug).
 *
 * @param stage     what was being done: data, svm, path, training, analysis, experiment
 * @param exception the exception's class name (fully qualified)
 * @param message   its message (may be empty)
 * @param at        the first stack frames, innermost first
 * @param log       the log file relative to the directory the reports are in (null when none could be written)
 * @param throwable the exception itself (not serialised)
 */
public record Cause(String stage, String exception, String message, List<String> at, String log, Throwable throwable) {
    /** Stack frames kept in the reports (the log file has all of them). */
    public static final int FRAMES = 5;

    /**
     * The cause of {@code t}; writes the stack trace to {@code logFile} (atomically), named in the reports as
     * {@code logName}. A log that cannot be written is left out, never a second failure.
     */
    public static Cause of(String stage, Throwable t, Path logFile, String logName) {
        List<String> frames = new ArrayList<>();
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, st.length); i++) frames.add(st[i].toString());
        String log = null;
        if (logFile != null) {
            StringWriter w = new StringWriter();
            w.append("stage: ").append(stage).append('\n');
            t.printStackTrace(new PrintWriter(w));
            try {
                AtomicFiles.createDirectories(logFile.toAbsolutePath().getParent());
                AtomicFiles.writeString(logFile, w.toString());
                log = logName;
            } catch (RuntimeException ignored) {
                // the reports still carry the class, message and first frames
            }
        }
        String msg = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        return new Cause(stage, t.getClass().getName(), msg, List.copyOf(frames), log, t);
    }

    /** "SimpleClassName: message" in one line. */
    public String text() {
        String simple = exception.substring(exception.lastIndexOf('.') + 1);
        return message.isEmpty() ? simple : simple + ": " + message;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("stage", stage);
        o.put("exception", exception);
        o.put("message", message);
        var a = o.putArray("at");
        at.forEach(a::add);
        o.put("log", log);
        return o;
    }
}
