package dev.manabi.scorm.seq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sequencing module stays plain Java (issue 12): no JDBC, CDI, JAX-RS, JSON or other Manabi module, so the
 * processes are pure and the module can be reused and tested alone.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.scorm.seq");

    @Test
    void depends_on_the_jdk_only() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "jakarta..", "javax.inject..", "javax.ws..",
                        "com.fasterxml..", "org.eclipse..", "javax.json..", "org.json..", "com.google..")
                .because("the SN processes are pure: the runtime stores and serializes their state")
                .check(MODULE);
    }

    @Test
    void depends_on_no_other_manabi_module() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.scorm.seq..")))
                .check(MODULE);
    }

    @Test
    void definitions_do_not_know_about_state_or_processes() {
        noClasses().that().resideInAPackage("dev.manabi.scorm.seq.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.manabi.scorm.seq.state..",
                        "dev.manabi.scorm.seq")
                .check(MODULE);
    }
}
