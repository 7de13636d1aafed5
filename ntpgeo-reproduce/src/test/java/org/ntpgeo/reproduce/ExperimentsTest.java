package org.ntpgeo.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpgeo.common.UserError;

class ExperimentsTest {
    @Test
    void allExpandsInOrderWithoutDuplicates() {
        List<String> names = Experiments.select(List.of("ufm-simulation", "all")).stream().map(Experiment::name).toList();
        assertEquals(List.of("ufm-simulation", "synthetic", "simplified-tinystories", "tinystories"), names);
    }

    @Test
    void unknownNameIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> Experiments.select(List.of("cifar")));
        assertTrue(e.getMessage().contains("synthetic"), e.getMessage());
    }

    @Test
    void pathPlanIsLogSpacedAndDecreasing() {
        double[] l = PathPlan.logSpaced(1e-1, 1e-4, 4, 1, 1).lambdas();
        assertArrayEquals(new double[] {1e-1, 1e-2, 1e-3, 1e-4}, l, 1e-15);
    }

    @Test
    void indexPageEscapesText() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", IndexPage.esc("a <b> & \"c\""));
    }
}
