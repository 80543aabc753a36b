package ledger.api.http.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Console sessions for slice tests, signed in as the console's token form signs them in
 * (ConsoleSecurityConfiguration.byToken): the configured token's principal and its one role.
 */
final class ConsoleCallers {

    static final String DPM_PRINCIPAL = "static:DPM#1";
    static final String AUDITOR_PRINCIPAL = "static:AUDITOR#1";

    private ConsoleCallers() {
    }

    static RequestPostProcessor dpm() {
        return signedIn(DPM_PRINCIPAL, "DPM");
    }

    static RequestPostProcessor auditor() {
        return signedIn(AUDITOR_PRINCIPAL, "AUDITOR");
    }

    /** A role the console's sign-in never grants (the portal's): no console page is open to it. */
    static RequestPostProcessor portal() {
        return signedIn("static:PORTAL#1", "PORTAL");
    }

    static RequestPostProcessor signedIn(String principal, String role) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
