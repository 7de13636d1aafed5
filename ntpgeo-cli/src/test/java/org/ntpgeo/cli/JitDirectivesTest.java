package org.ntpgeo.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/data-build.compiler, the JIT directives that ./ntpgeo gives `data build`, names methods by their class and
 * method names: a renamed or removed method would silently fall out of them (the JVM ignores a pattern that
 * matches nothing) and the cold data build would be slower. Every org.ntpgeo method named there must exist.
 */
class JitDirectivesTest {
    private static final Path FILE = Path.of("..", "bin", "data-build.compiler").toAbsolutePath().normalize();
    private static final Pattern NAMED = Pattern.compile("^(\\w+),(org/ntpgeo/[\\w/$]+)\\.(\\w+)(,.*)?$");

    @Test
    void everyNamedMethodExists() throws IOException, ClassNotFoundException {
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            Matcher m = NAMED.matcher(l);
            if (!m.matches()) continue;
            Class<?> c = Class.forName(m.group(2).replace('/', '.'), false, getClass().getClassLoader());
            String name = m.group(3);
            assertTrue(Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(name::equals),
                    FILE + ": " + c.getName() + " has no method " + name + " (line: " + l + ")");
            checked.add(c.getSimpleName() + "." + name);
        }
        // the file names the two counting kernels and their rare paths; a pattern this test cannot read would hide
        assertTrue(checked.size() >= 10, "expected the kernels and their out-of-line paths, read " + checked);
    }
}
