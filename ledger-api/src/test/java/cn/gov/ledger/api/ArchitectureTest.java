package cn.gov.ledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md: core knows no Spring or SQL; dependencies point core <- projections <- api. */
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
}
