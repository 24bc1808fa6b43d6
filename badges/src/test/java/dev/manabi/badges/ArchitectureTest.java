package dev.manabi.badges;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Badges build on the host-facing API (its events and {@code CourseOutcomes}) and the core's SPI ({@code Database},
 * {@code Sql}, {@code MigrationSet}, {@code RestComponents}, {@code CurrentLearner}, {@code Json}, and the catalog's
 * {@code Course} for the issuer, {@code SecretSealer} for the issuers' keys); never on a content module nor on the
 * completion-rules module, whose verdicts it hears as player-api events, so a course of any content kind has badges.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.badges");

    @Test
    void depends_on_the_api_and_the_core_spi_only() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.badges..", "dev.manabi.api..",
                                "dev.manabi.i18n..", "dev.manabi.core..")))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.core.Database.class, dev.manabi.core.Sql.class, dev.manabi.core.Sql.Work.class,
                                dev.manabi.core.MigrationSet.class, dev.manabi.core.RestComponents.class,
                                dev.manabi.core.CurrentLearner.class, dev.manabi.core.Json.class,
                                dev.manabi.core.CourseCatalog.class, dev.manabi.core.Course.class,
                                dev.manabi.core.AuditLog.class,
                                dev.manabi.core.SecretSealer.class, dev.manabi.core.SecretSealer.Unreadable.class,
                                dev.manabi.core.SecretSealer.Reason.class))))
                .check(MODULE);
    }
}
