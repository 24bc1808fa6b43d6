package dev.manabi.tincan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * tincan builds on the host-facing API, the core's SPI and the LRS's SPI package ({@code dev.manabi.lrs.spi}, with
 * the xAPI {@code AgentIdentity} its session credentials are limited to); never on a content module (not even
 * cmi5), the rest of the statement model or the LRS's internals.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.tincan");

    @Test
    void depends_on_api_core_spi_and_the_lrs_spi_only() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.tincan..",
                                "dev.manabi.api..", "dev.manabi.i18n..", "dev.manabi.core..",
                                "dev.manabi.lrs.spi.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.xapi.AgentIdentity.class))))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.core.Database.class, dev.manabi.core.Sql.class,
                                dev.manabi.core.Sql.Work.class, dev.manabi.core.Sql.Row.class,
                                dev.manabi.core.MigrationSet.class,
                                dev.manabi.core.RestComponents.class, dev.manabi.core.PackageFormat.class,
                                dev.manabi.core.PackageFormat.Reading.class,
                                dev.manabi.core.PackageFormat.StoredVersion.class, dev.manabi.core.Json.class,
                                dev.manabi.core.StatementOutbox.class, dev.manabi.core.CurrentLearner.class,
                                dev.manabi.core.CourseCatalog.class, dev.manabi.core.Course.class,
                                dev.manabi.core.Course.Component.class, dev.manabi.core.ProgressLedger.class,
                                dev.manabi.core.LearnerDirectory.class, dev.manabi.core.ApiSecrets.class,
                                dev.manabi.core.ContentOrigin.class, dev.manabi.core.ContentCapabilities.class,
                                dev.manabi.core.ContentCapability.class,
                                dev.manabi.core.ContentCapability.Scope.class))))
                .check(MODULE);
    }
}
