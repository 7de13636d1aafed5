package org.ntpgeo.common;

/**
 * A problem caused by the user's input (a missing file, a bad option, an empty corpus...).
 * The command line prints its message as one line and exits with code 2, never a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
