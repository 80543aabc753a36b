package ledger.api.http.console;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ledger.api.configuration.DevelopmentMode;
import ledger.api.configuration.LedgerProperties;

/** The sign-in page, and the home address that leads each role to its first page. */
@Controller
class SignInController {

    private final LedgerProperties properties;
    private final Environment environment;

    SignInController(LedgerProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @GetMapping("/console/sign-in")
    String signIn(@RequestParam(name = "refused", required = false) String refused,
                  @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        LedgerProperties.Console console = properties.console();
        // the same rule as the security chain: the token form in the default profile only
        model.addAttribute("tokenSignIn", console.tokenSignIn() && DevelopmentMode.of(environment).on());
        model.addAttribute("oidc", console.oidc() != null && console.oidc().enabled());
        model.addAttribute("refused", refused != null);
        // why: empty after the token form; role or oidc after the organisation's sign-in (ConsoleSecurityConfiguration)
        model.addAttribute("refusedReason", refused == null ? "" : refused);
        model.addAttribute("signedOut", signedOut != null);
        return "console/sign-in";
    }

    /**
     * Where OIDC sign-in lands. The issuer's redirect chain is cross-site, so within it the browser
     * does not send the SameSite=Strict session cookie; this page needs no session, and its meta
     * refresh (no script: the CSP has no unsafe-inline) is a same-site navigation that does carry it.
     */
    @GetMapping("/console/signed-in")
    String signedIn() {
        return "console/signed-in";
    }

    @GetMapping("/console")
    String home() {
        ConsoleFrame.SignedIn me = ConsoleFrame.current();
        return me != null && me.dpm() ? "redirect:/console/dashboard" : "redirect:/console/consents";
    }
}
