package org.ntpgeo.cli;

import java.util.Map;

/**
 * The command-line flag of a library option name: the library names options by their snake_case field
 * ({@code learning_rate}), the command line by its flags ({@code --lr}). One place for the mapping, used to word
 * {@link org.ntpgeo.common.OptionError}s.
 */
final class Flags {
    /** Field names whose flag is not "--" + the name with dashes. */
    private static final Map<String, String> SPECIAL = Map.of("learning_rate", "--lr", "w", "--W", "h", "--H");

    private Flags() {}

    static String of(String field) {
        String f = SPECIAL.get(field);
        return f != null ? f : "--" + field.replace('_', '-');
    }
}
