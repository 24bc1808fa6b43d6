package dev.manabi.cmi5;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * cmi5 builds on the host-facing API, the core's SPI, the statement model and the LRS's SPI package
 * ({@code dev.manabi.lrs.spi}); never on a content module or the LRS's internals.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.cmi5");

    @Test
    void depends_on_api_core_spi_xapi_and_the_lrs_spi_only() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.cmi5..", "dev.manabi.xapi..",
                                "dev.manabi.api..", "dev.manabi.i18n..", "dev.manabi.core..",
                                "dev.manabi.lrs.spi..")))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.core.Database.class, dev.manabi.core.Sql.class,
                                dev.manabi.core.Sql.Work.class, dev.manabi.core.MigrationSet.class, dev.manabi.core.AuditLog.class,
                                dev.manabi.core.RestComponents.class, dev.manabi.core.PackageFormat.class,
                                dev.manabi.core.PackageFormat.Reading.class,
                                dev.manabi.core.PackageFormat.StoredVersion.class, dev.manabi.core.Json.class,
                                dev.manabi.core.StatementOutbox.class, dev.manabi.core.CurrentLearner.class,
                                dev.manabi.core.ProgressLedger.class, dev.manabi.core.LearnerDirectory.class,
                                dev.manabi.core.CourseCatalog.class, dev.manabi.core.Course.class,
                                dev.manabi.core.ApiError.class, dev.manabi.core.Verb.class,
                                dev.manabi.core.LearnerStatement.class, dev.manabi.core.StatementOutbox.Emitter.class,
                                dev.manabi.core.Course.Component.class, dev.manabi.core.ContentOrigin.class,
                                dev.manabi.core.ContentCapabilities.class, dev.manabi.core.ContentCapability.class,
                                dev.manabi.core.ContentCapability.Scope.class,
                                dev.manabi.core.spi.LearningRecords.class, dev.manabi.core.spi.LearningRecords.Module.class,
                                dev.manabi.core.spi.LearningRecords.Query.class,
                                dev.manabi.core.spi.LearningRecords.Attempt.class))))
                .check(MODULE);
    }
}
