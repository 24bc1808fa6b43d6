package dev.manabi.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Completion rules belong to the platform (issue 15): they build on the host-facing API and the core's SPI and a
 * few of its services (catalog, ledger, outbox, database), never on a content module, so a SCORM-only, video-only
 * or cmi5-only installation has rules and badges. Content modules contribute conditions through
 * {@code dev.manabi.rules.spi}, the one package of this module meant for them.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.rules");

    @Test
    void dependsOnTheApiAndTheCoreOnly() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.rules..", "dev.manabi.api..",
                                "dev.manabi.i18n..", "dev.manabi.core..")))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.core.Database.class, dev.manabi.core.Sql.class,
                                dev.manabi.core.Sql.Work.class, dev.manabi.core.Sql.Row.class,
                                dev.manabi.core.MigrationSet.class, dev.manabi.core.RestComponents.class,
                                dev.manabi.core.CurrentLearner.class, dev.manabi.core.Json.class,
                                dev.manabi.core.CourseCatalog.class, dev.manabi.core.Course.class,
                                dev.manabi.core.Course.Component.class, dev.manabi.core.ProgressLedger.class,
                                dev.manabi.core.StatementOutbox.class, dev.manabi.core.StatementOutbox.Emitter.class,
                                dev.manabi.core.LearnerStatement.class, dev.manabi.core.Verb.class,
                                dev.manabi.core.AuditLog.class, dev.manabi.core.AuditLog.Action.class))))
                .check(MODULE);
    }

    /**
     * Issue 15 (review 3): plug-ins see the course through the SPI's own {@code RulesCourse}, never the core's
     * {@code Course} (outside the core's SPI package). Fails on the old code, whose ConditionKind took a Course.
     */
    @Test
    void theSpiPackageUsesOnlyTheCoresSpiPackage() {
        noClasses().that().resideInAPackage("dev.manabi.rules.spi..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))).check(MODULE);
    }

    @Test
    void theSpiPackageNeedsNothingElseOfTheModule() {
        noClasses().that().resideInAPackage("dev.manabi.rules.spi..").should().dependOnClassesThat()
                .resideInAPackage("dev.manabi.rules").check(MODULE);
    }
}
