package cn.gov.ledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The module and package rules of docs/architecture.md: core knows no Spring or SQL; dependencies
 * point core <- projections <- api; ledger-api's packages form no cycle; infrastructure knows no
 * feature; config holds only Spring configuration.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.gov.ledger");

    @Test
    void coreKnowsNeitherSpringNorSql() {
        noClasses().that().resideInAPackage("cn.gov.ledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta.persistence..", "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("cn.gov.ledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.gov.ledger.projections..", "cn.gov.ledger.api..")
                .check(classes);
    }

    @Test
    void projectionsDoNotDependOnTheApi() {
        noClasses().that().resideInAPackage("cn.gov.ledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("cn.gov.ledger.api..")
                .check(classes);
    }

    @Test
    void theApisPackagesFormNoCycle() {
        slices().matching("cn.gov.ledger.api.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void infrastructureKnowsNoFeature() {
        noClasses().that().resideInAPackage("cn.gov.ledger.api.infrastructure..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.gov.ledger.api.posting..",
                        "cn.gov.ledger.api.reading..", "cn.gov.ledger.api.reporting..", "cn.gov.ledger.api.audit..",
                        "cn.gov.ledger.api.yearend..", "cn.gov.ledger.api.unit..", "cn.gov.ledger.api.classification..", "cn.gov.ledger.api.operations..",
                        "cn.gov.ledger.api.security..", "cn.gov.ledger.api.demo..")
                .check(classes);
    }

    @Test
    void configHoldsOnlySpringConfiguration() {
        classes().that().resideInAPackage("cn.gov.ledger.api.config").and().areTopLevelClasses()
                .should().beAnnotatedWith(Configuration.class).orShould().beAnnotatedWith(ConfigurationProperties.class)
                .check(classes);
    }
}
