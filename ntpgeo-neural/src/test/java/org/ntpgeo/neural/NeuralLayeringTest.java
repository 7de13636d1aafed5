package org.ntpgeo.neural;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The neural models are a library too: they print nothing and know nothing of the command line, benchmarks or Spark. */
class NeuralLayeringTest {
    private static final JavaClasses NEURAL = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.ntpgeo.neural");

    @Test
    void printsNothingAndUsesNothingAbove() {
        assertTrue(NEURAL.contain(NeuralModel.class), "the rules see the module's classes");
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(NEURAL);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ntpgeo.cli..", "org.ntpgeo.bench..",
                "org.ntpgeo.reproduce..", "org.ntpgeo.spark..", "picocli..").check(NEURAL);
    }
}
