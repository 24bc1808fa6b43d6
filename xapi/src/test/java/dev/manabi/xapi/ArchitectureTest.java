package dev.manabi.xapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The statement model is reusable alone: the JDK and Jackson, nothing of Manabi, no JDBC, CDI or JAX-RS. */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.xapi");

    @Test
    void depends_on_the_jdk_and_jackson_only() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "dev.manabi.xapi..")
                .check(MODULE);
    }
}
