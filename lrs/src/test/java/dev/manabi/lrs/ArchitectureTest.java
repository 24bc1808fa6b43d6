package dev.manabi.lrs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The LRS builds on the statement model ({@code dev.manabi.xapi}), the host-facing API and the core's SPI
 * ({@code Database}, {@code Sql}, {@code MigrationSet}, {@code RestComponents}, {@code CurrentLearner},
 * {@code ApiError}, the {@code StatementOutbox} it drains, and {@code SecretSealer} for forwarding secrets); never on a
 * content module.
 */
class ArchitectureTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.manabi.lrs");

    @Test
    void depends_on_xapi_api_and_the_core_spi_only() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("dev.manabi.lrs..", "dev.manabi.xapi..",
                                "dev.manabi.api..", "dev.manabi.core..")))
                .check(MODULE);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.manabi.core..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.manabi.core.spi.."))
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.manabi.core.Database.class, dev.manabi.core.Sql.class, dev.manabi.core.Sql.Work.class,
                                dev.manabi.core.MigrationSet.class, dev.manabi.core.RestComponents.class,
                                dev.manabi.core.StatementOutbox.class, dev.manabi.core.StatementOutbox.Queued.class,
                                dev.manabi.core.CurrentLearner.class, dev.manabi.core.ApiError.class,
                                dev.manabi.core.AuditLog.class,
                                dev.manabi.core.SecretSealer.class, dev.manabi.core.SecretSealer.Unreadable.class,
                                dev.manabi.core.SecretSealer.Reason.class,
                                dev.manabi.core.ApiSecrets.class, dev.manabi.core.ApiSecrets.Presented.class))))
                .check(MODULE);
    }

    /**
     * What content modules may use ({@code dev.manabi.lrs.spi}) hands out no full-power caller: no public member of
     * the SPI answers or takes an {@link LrsCaller} or the {@link PlatformCaller}; storing the player's statements
     * goes through {@code PlatformStatements.storeQueued} (an outbox statement of the caller's own, by id).
     */
    @Test
    void the_spi_offers_no_full_power_caller() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits().that().areDeclaredInClassesThat()
                .resideInAPackage("dev.manabi.lrs.spi..").and().arePublic()
                .should().haveRawReturnType(LrsCaller.class)
                .orShould().haveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate.anyElementThat(
                        JavaClass.Predicates.belongToAnyOf(LrsCaller.class, PlatformCaller.class)))
                .check(MODULE);
    }
}
