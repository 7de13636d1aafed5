package org.ntpgeo.common;

/**
 * A task that cannot fit: a size that overflows Java's integer ranges, or a memory estimate above the heap limit
 * (see {@link Preflight}). A user error (exit code 2 on the command line): the message names the sizes, the limit
 * and the fix; options in it are {@code {name}} placeholders as in {@link OptionError}.
 */
public final class ResourceLimitException extends OptionError {
    public ResourceLimitException(String template) {
        super(template);
    }
}
