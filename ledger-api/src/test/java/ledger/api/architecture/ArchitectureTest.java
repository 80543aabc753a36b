package ledger.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of DESIGN.md: ledger-api -> projections -> ledger-core, nothing back. */
class ArchitectureTest {

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ledger");

    @Test
    void the_domain_depends_on_no_read_model_no_http_and_no_spring() {
        ArchRule rule = noClasses().that().resideInAPackage("ledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("ledger.projections..", "ledger.api..",
                        "org.springframework..", "jakarta.servlet..", "io.micronaut..", "java.sql..", "javax.sql..");
        rule.check(LEDGER);
    }

    @Test
    void projections_do_not_reach_into_the_service() {
        noClasses().that().resideInAPackage("ledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("ledger.api..")
                .check(LEDGER);
    }

    @Test
    void a_projection_never_sends_a_command() {
        noClasses().that().resideInAPackage("ledger.projections..")
                .should().dependOnClassesThat().haveNameMatching("org.axonframework.commandhandling.gateway.*")
                .orShould().dependOnClassesThat().haveNameMatching("org.axonframework.commandhandling.CommandBus")
                .check(LEDGER);
    }

    @Test
    void controllers_are_package_private_adapters() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().notBePublic()
                .check(LEDGER);
    }

    @Test
    void the_aggregates_use_no_spring_beans_or_repositories() {
        noClasses().that().haveSimpleName("Member").or().haveSimpleName("ContactCase")
                .should().dependOnClassesThat().haveNameMatching(".*Repository.*")
                .orShould().dependOnClassesThat().haveNameMatching(".*UsernameRegistry.*")
                .check(LEDGER);
    }

    @Test
    void messages_of_the_domain_are_records() {
        classes().that().resideInAPackage("ledger.core..")
                .and().implement(ledger.core.member.MemberEvent.class)
                .or().implement(ledger.core.member.MemberCommand.class)
                .or().implement(ledger.core.contactcase.ContactCaseEvent.class)
                .should().beRecords()
                .check(LEDGER);
    }
}
