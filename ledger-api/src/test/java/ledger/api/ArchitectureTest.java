package ledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of DESIGN.md (ledger-api -> projections -> ledger-core, nothing back) and
 * ledger-api's layout (docs/architecture.md): adapters, use-cases, infrastructure behind ports.
 */
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
    void http_adapters_never_touch_sql() {
        noClasses().that().resideInAPackage("ledger.api.http..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat().haveNameMatching("org.springframework.jdbc..*")
                .check(LEDGER);
    }

    /**
     * Adapters and use-cases reach infrastructure only through ports (interfaces of the application
     * layer or the domain that infrastructure implements), by package: nothing of ledger.api.infrastructure,
     * save the vocabulary of the database's failures (which failure is an outage: 503).
     */
    @Test
    void http_and_the_application_layer_reach_infrastructure_only_through_ports() {
        noClasses().that().resideInAnyPackage("ledger.api.http..", "ledger.api.application..")
                .should().dependOnClassesThat(DescribedPredicate.describe("infrastructure (but its failure vocabulary)",
                        (JavaClass c) -> c.getPackageName().startsWith("ledger.api.infrastructure")
                                && !c.getPackageName().equals("ledger.api.infrastructure.database")))
                .check(LEDGER);
    }

    @Test
    void infrastructure_and_automation_never_depend_on_http() {
        noClasses().that().resideInAnyPackage("ledger.api.infrastructure..", "ledger.api.automation..")
                .should().dependOnClassesThat().resideInAPackage("ledger.api.http..")
                .check(LEDGER);
    }

    @Test
    void controllers_live_in_a_feature_package_of_http() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().resideInAPackage("ledger.api.http.(*)")
                .andShould().resideOutsideOfPackage("ledger.api.http.support")
                .check(LEDGER);
    }

    /** One typed configuration tree ({@code LedgerProperties}): no loose keys with defaults in Java. */
    @Test
    void configuration_is_read_through_the_typed_tree_only() {
        noClasses().that().resideInAPackage("ledger..")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.beans.factory.annotation.Value")
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

    /** Deny by default: an endpoint nobody declared roles for is closed (DeclaredRoles), so say who may call it. */
    @Test
    void every_endpoint_declares_who_may_call_it() {
        DescribedPredicate<JavaMethod> endpoint = DescribedPredicate.describe("endpoints of the API",
                m -> m.getOwner().isAnnotatedWith(RestController.class)
                        && (m.isAnnotatedWith(GetMapping.class) || m.isAnnotatedWith(PostMapping.class)
                        || m.isAnnotatedWith(PatchMapping.class) || m.isAnnotatedWith(PutMapping.class)
                        || m.isAnnotatedWith(DeleteMapping.class) || m.isAnnotatedWith(RequestMapping.class)));
        methods().that(endpoint).should().beAnnotatedWith(RolesAllowed.class).orShould().beAnnotatedWith(PermitAll.class)
                .check(LEDGER);
    }

    /** The use-cases serve the API and the console alike: they know neither. */
    @Test
    void the_application_layer_never_depends_on_http() {
        noClasses().that().resideInAPackage("ledger.api.application..")
                .should().dependOnClassesThat().resideInAPackage("ledger.api.http..")
                .check(LEDGER);
    }

    @Test
    void the_domain_s_packages_are_free_of_cycles() {
        slices().matching("ledger.core.(*)..").should().beFreeOfCycles().check(LEDGER);
    }

    @Test
    void the_read_models_packages_are_free_of_cycles() {
        slices().matching("ledger.projections.(*)..").should().beFreeOfCycles().check(LEDGER);
    }

    @Test
    void the_service_s_packages_are_free_of_cycles() {
        slices().matching("ledger.api.(**)").should().beFreeOfCycles().check(LEDGER);
    }

    /** A feature reaches another only through the application layer or the shared support. */
    @Test
    void no_http_feature_imports_another() {
        slices().matching("ledger.api.http.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), DescribedPredicate.describe("http.support or http.security",
                        (JavaClass c) -> c.getPackageName().startsWith("ledger.api.http.support")
                                || c.getPackageName().startsWith("ledger.api.http.security")))
                .check(LEDGER);
    }

    /** "No profile means development" is decided in one place. */
    @Test
    void only_the_development_switch_reads_the_active_profiles() {
        noClasses().that().doNotHaveFullyQualifiedName("ledger.api.configuration.DevelopmentMode")
                .should().callMethod(org.springframework.core.env.Environment.class, "getActiveProfiles")
                .check(LEDGER);
    }

    /** The application class dispatches to everything; nothing reaches back into its package. */
    @Test
    void nothing_depends_on_the_application_s_own_package() {
        noClasses().that().resideOutsideOfPackage("ledger.api")
                .should().dependOnClassesThat().resideInAPackage("ledger.api")
                .check(LEDGER);
    }

    /**
     * Background work runs one way: a node's own loops on NodeLoop, fleet-wide work as ClusterTasks.
     * Executors built by hand remain only where work is not background: a verification's parallel
     * hashing (bounded to its run) and the standalone witness process's HTTP server.
     */
    @Test
    void no_class_builds_its_own_executor_for_background_work() {
        noClasses().that().resideInAPackage("ledger..")
                .and().haveNameNotMatching("ledger\\.api\\.infrastructure\\.log\\.LogVerifier(\\$.*)?")
                .and().haveNameNotMatching("ledger\\.api\\.infrastructure\\.witness\\.WitnessCommand(\\$.*)?")
                .should().callMethodWhere(DescribedPredicate.describe("a factory of java.util.concurrent.Executors",
                        call -> call.getTargetOwner().isEquivalentTo(java.util.concurrent.Executors.class)))
                .check(LEDGER);
    }
}
