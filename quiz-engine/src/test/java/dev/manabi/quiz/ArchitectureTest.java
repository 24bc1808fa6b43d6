package dev.manabi.quiz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The quiz engine contributes its completion condition like any module (issue 15): through the completion rules'
 * SPI package only, never their engine, and the rules never know the quiz engine (the arrow points one way; the
 * completion-rules module has its own test for that side). No other content module is used.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.quiz");

    @Test
    void usesTheCompletionRulesThroughTheirSpiOnly() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.rules..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.rules.spi..")))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.quiz..", "dev.manabi.api..",
                                "dev.manabi.i18n..", "dev.manabi.core..", "dev.manabi.rules.spi..")))
                .check(MODULE);
    }
}
