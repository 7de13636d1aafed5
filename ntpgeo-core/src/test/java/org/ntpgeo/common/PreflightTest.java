package org.ntpgeo.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private static final long GIB = 1L << 30;

    @Test
    void productsAreExactOrRefused() {
        assertEquals(6_000_000_000L, Preflight.multiply("x", 100_000, 60_000));
        ResourceLimitException e = assertThrows(ResourceLimitException.class, () -> Preflight.multiply("V x m x d", 1L << 40, 1L << 30));
        assertTrue(e.getMessage().contains("V x m x d") && e.getMessage().contains("overflows 64-bit"), e.getMessage());
        assertEquals(Integer.MAX_VALUE - 8, Preflight.arrayLength("a", Integer.MAX_VALUE - 8, 1));
        e = assertThrows(ResourceLimitException.class, () -> Preflight.arrayLength("L (V x m)", 1_000_000, 1_000_000));
        assertTrue(e.getMessage().contains("1000000000000 entries"), e.getMessage());
        e = assertThrows(ResourceLimitException.class, () -> Preflight.denseMatrix("solve svm", "V x m", 100_000, 30_000, "use a smaller dataset"));
        assertTrue(e.getMessage().startsWith("solve svm works on a dense V x m matrix") && e.getMessage().endsWith("use a smaller dataset"),
                e.getMessage());
    }

    @Test
    void estimatesAddUpAndAreCheckedAgainstTheLimits() {
        Preflight.Estimate e = Preflight.estimate("train", "a smaller {dim}").doubles("W", 1000, 1000).heap("other", 2_000_000)
                .nativeMemory("logits", 3 * GIB);
        assertEquals(8_000_000 + 2_000_000, e.heapBytes());
        assertEquals(3 * GIB, e.nativeBytes());
        e.check(GIB, 8 * GIB); // fits
        ResourceLimitException heap = assertThrows(ResourceLimitException.class, () -> e.check(8_000_000, 64 * GIB));
        assertTrue(heap.getMessage().contains("JAVA_OPTS=-Xmx1g"), heap.getMessage());
        assertTrue(heap.getMessage().contains("heap limit is 7.6 MiB") || heap.getMessage().contains("heap limit is 8 MiB"), heap.getMessage());
        assertEquals(List.of("dim"), heap.options(), "the fix names the option by its field");
        assertTrue(heap.render(f -> "--" + f).endsWith("or use a smaller --dim"), heap.render(f -> "--" + f));
        ResourceLimitException ram = assertThrows(ResourceLimitException.class, () -> e.check(64 * GIB, 2 * GIB));
        assertTrue(ram.getMessage().contains("this machine has 2.0 GiB"), ram.getMessage());
        assertTrue(ram.getMessage().contains("logits 3.0 GiB native"), ram.getMessage());
        assertThrows(ResourceLimitException.class, () -> Preflight.estimate("t", "x").doubles("W", 100_000, 100_000));
    }

    @Test
    void optionErrorsRenderTheirPlaceholders() {
        OptionError e = new OptionError("{learning_rate} must be > 0; see {dim} and {learning_rate}");
        assertEquals(List.of("learning_rate", "dim"), e.options());
        assertEquals("learning_rate must be > 0; see dim and learning_rate", e.getMessage());
        assertEquals("--lr must be > 0; see --dim and --lr", e.render(f -> f.equals("learning_rate") ? "--lr" : "--" + f));
        assertEquals("a {Capital} and {x-y} stay", new OptionError("a {Capital} and {x-y} stay").getMessage());
    }
}
