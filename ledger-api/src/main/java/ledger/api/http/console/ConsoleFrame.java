package ledger.api.http.console;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import ledger.api.configuration.LedgerProperties;

/** What every console page shows: who is signed in, in which role; the read purposes on offer. */
@ControllerAdvice(basePackageClasses = ConsoleFrame.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleFrame {

    /** The signed-in person as the frame shows them; {@code null} on the sign-in page. */
    public record SignedIn(String name, String role) {

        public boolean dpm() {
            return "DPM".equals(role);
        }

        public boolean auditor() {
            return "AUDITOR".equals(role);
        }
    }

    private final LedgerProperties properties;

    ConsoleFrame(LedgerProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("me")
    SignedIn me() {
        return current();
    }

    @ModelAttribute("readPurposes")
    List<String> readPurposes() {
        return properties.console().readPurposes();
    }

    static SignedIn current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return null;
        }
        String role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).findFirst().orElse("");
        String name = authentication.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null
                ? user.getPreferredUsername() : authentication.getName();
        return new SignedIn(name, role);
    }
}
