package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import ledger.api.support.Api;
import ledger.api.support.ConsoleSession;
import ledger.api.support.IntegrationTest;

/**
 * The role matrix of the README, walked for real: every endpoint the application exposes
 * (discovered from its request mappings) with every role and without a token. An endpoint
 * missing from the table, or a table entry the service does not honour, fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT extends IntegrationTest {

    static final List<String> CALLERS = List.of("PORTAL", "AUDITOR", "DPM", "ADMIN", "no token");
    static final Map<String, String> TOKENS = Map.of("PORTAL", Api.PORTAL, "AUDITOR", Api.AUDITOR, "DPM", Api.DPM,
            "ADMIN", Api.ADMIN);

    @Autowired
    ApplicationContext context;

    /** {@code "GET /api/v1/members/{memberId}"} -> expected answer per caller. */
    static Map<String, List<String>> table() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int start = lines.indexOf("<!-- role-matrix:start -->");
        int end = lines.indexOf("<!-- role-matrix:end -->");
        assertThat(start).as("README has the role matrix").isNotNegative();
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, end)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String endpoint = cells[1].strip().replace("`", "");
            List<String> answers = new ArrayList<>();
            for (int i = 2; i < 2 + CALLERS.size(); i++) {
                answers.add(cells[i].strip());
            }
            assertThat(table.put(endpoint, answers)).as("listed once: " + endpoint).isNull();
        }
        return table;
    }

    Set<String> exposedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    methods = Set.of(RequestMethod.GET, RequestMethod.POST);
                }
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    @Test
    void every_exposed_endpoint_is_in_the_table_and_every_entry_is_exposed() throws IOException {
        Map<String, List<String>> table = table();
        assertThat(exposedEndpoints()).as("endpoints without an entry in the README's role matrix")
                .isSubsetOf(table.keySet());
        assertThat(table.keySet()).as("entries for endpoints the service does not have")
                .isSubsetOf(exposedEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_answers_each_caller_as_the_table_says() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : table().entrySet()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                String expected = entry.getValue().get(i);
                tests.add(DynamicTest.dynamicTest(entry.getKey() + " as " + caller + " -> " + expected,
                        () -> check(entry.getKey(), caller, expected)));
            }
        }
        return tests.stream();
    }

    /** One console session per caller, signed in once through the sign-in form with the caller's token. */
    private final Map<String, ConsoleSession> consoleSessions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The console's routes are session-based: the caller signs in through the form with its token
     * (PORTAL and ADMIN tokens are refused there), then calls the route with the session cookie and,
     * for a POST, the CSRF token. {@code sign-in}: the caller is sent to the sign-in page.
     */
    private void checkConsole(String method, String path, String endpoint, String caller, String expected) {
        ConsoleSession session = consoleSessions.computeIfAbsent(caller,
                c -> ConsoleSession.as(port, TOKENS.get(c)));
        var response = session.send(method, path);
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        boolean toSignIn = status == 302 && location.endsWith("/console/sign-in");
        switch (expected) {
            case "allow" -> assertThat(status).as(endpoint + " as " + caller).isNotIn(401, 403)
                    .matches(s -> !toSignIn, "not sent to sign in");
            case "403" -> assertThat(status).as(endpoint + " as " + caller).isEqualTo(403);
            case "sign-in" -> assertThat(location).as(endpoint + " as " + caller + " (" + status + ")")
                    .matches(l -> toSignIn, "sent to the sign-in page");
            default -> throw new AssertionError("unknown table entry " + expected + " for " + endpoint);
        }
    }

    private void check(String endpoint, String caller, String expected) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = concrete(endpoint.substring(endpoint.indexOf(' ') + 1));
        if (path.startsWith("/console")) {
            checkConsole(method, path, endpoint, caller, expected);
            return;
        }
        Api api = api().as(TOKENS.get(caller));
        String body = "POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method) ? "{}" : null;
        int status = api.send(method, path, body, body == null ? null : "application/json").status();
        switch (expected) {
            case "allow" -> assertThat(status).as(endpoint + " as " + caller).isNotIn(401, 403);
            case "401" -> assertThat(status).as(endpoint + " as " + caller).isEqualTo(401);
            case "403" -> assertThat(status).as(endpoint + " as " + caller).isEqualTo(403);
            default -> throw new AssertionError("unknown table entry " + expected + " for " + endpoint);
        }
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()).replace("/**", "/x");
    }
}
