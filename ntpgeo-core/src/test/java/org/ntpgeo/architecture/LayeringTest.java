package org.ntpgeo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's layering, checked on its compiled classes (tests excluded): its packages depend on each other one
 * way (no cycles); it knows nothing of the modules above it (command line, neural models, Spark) nor of their
 * libraries; it neither prints nor sets system properties; the bottom packages (io, linalg, common) use no
 * package above them.
 */
class LayeringTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.ntpgeo");
    }

    @Test
    void importedTheLibrary() {
        // guards against a vacuous pass: the rules below must see the library's classes
        org.junit.jupiter.api.Assertions.assertTrue(core.contain(org.ntpgeo.data.NtpDataset.class));
        org.junit.jupiter.api.Assertions.assertTrue(core.size() > 100, "classes imported: " + core.size());
    }

    /** Negative control: the same rules reject a class that prints and sets a system property. */
    @Test
    void theRulesCanFail() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(offender));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> noClasses().should().callMethod(System.class, "setProperty", String.class, String.class).check(offender));
        // the dependency rule, aimed at a package the offender does use
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ntpgeo.data..").check(offender));
    }

    /** Breaks the house rules on purpose (test sources only; never imported by the checks above). */
    static final class Offender {
        static void misbehave() {
            System.out.println("printed");
            System.setProperty("java.awt.headless", "true");
        }

        static int vocab(org.ntpgeo.data.NtpDataset ds) {
            return ds.vocabSize();
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.ntpgeo.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void coreKnowsNothingOfTheModulesAboveIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.ntpgeo.cli..", "org.ntpgeo.neural..",
                "org.ntpgeo.spark..", "org.ntpgeo.bpe..", "org.ntpgeo.bench..", "picocli..", "ai.djl..", "org.apache.spark..")
                .check(core);
    }

    @Test
    void coreDoesNotPrintOrSetProcessState() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
        noClasses().should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "addShutdownHook", Thread.class)
                .because("the command line, not the library, owns the process").check(core);
    }

    @Test
    void bottomPackagesUseNothingAbove() {
        noClasses().that().resideInAnyPackage("org.ntpgeo.io..", "org.ntpgeo.linalg..", "org.ntpgeo.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ntpgeo.data..", "org.ntpgeo.theory..",
                        "org.ntpgeo.train..", "org.ntpgeo.geometry..", "org.ntpgeo.report..", "org.ntpgeo.run..",
                        "org.ntpgeo.reproduce..")
                .check(core);
    }
}
