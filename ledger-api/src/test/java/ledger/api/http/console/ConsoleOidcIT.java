package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ledger.api.application.reading.ReadAudit;
import ledger.api.support.Api;
import ledger.api.support.CookieBrowser;
import ledger.api.support.CookieBrowser.Hop;
import ledger.api.support.CookieBrowser.Navigation;
import ledger.api.support.IntegrationTest;
import ledger.api.support.StubIssuer;
import ledger.api.support.StubIssuer.Person;

/**
 * The console's OpenID Connect sign-in against a stub issuer (StubIssuer, on 127.0.0.1) while the
 * console is addressed as localhost: two sites, so the issuer's redirect back is cross-site and a
 * browser that honours SameSite (CookieBrowser) withholds the SameSite=Strict session cookie there.
 * Each hop is checked: the authorization request travels in its own Lax cookie, sealed, and is
 * deleted at the callback; sign-in lands on a same-site page that moves on to the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleOidcIT extends IntegrationTest {

    static final String SESSION = "LEDGER_CONSOLE";
    static final String REQUEST_COOKIE = "LEDGER_CONSOLE_OIDC";

    final StubIssuer issuer = StubIssuer.get();

    @Autowired
    ReadAudit audit;

    @AfterEach
    void nobodyInParticular() {
        issuer.signInAs(Person.of("stub-subject", null, List.of("DPM")));
    }

    private String app(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens /console (sent to sign in, an anonymous session) and clicks the organisation's sign-in. */
    private Navigation clickSignIn(CookieBrowser browser) {
        Hop signInPage = last(browser.navigate(null, app("/console")));
        assertThat(signInPage.uri().getPath()).isEqualTo("/console/sign-in");
        assertThat(signInPage.body()).contains("href=\"/console/oauth2/authorization/oidc\"");
        return browser.start(app("/console/sign-in"), app("/console/oauth2/authorization/oidc"));
    }

    /**
     * Clicks the organisation's sign-in and signs in on the issuer's page; the navigation that page
     * started is stopped before the console's callback, its next request.
     */
    private Navigation toCallback(CookieBrowser browser) {
        Hop issuersPage = last(clickSignIn(browser).finish());
        assertThat(issuersPage.uri().toString()).startsWith(issuer.issuer() + "/authorize?");
        Navigation navigation = browser.submit(issuersPage);
        navigation.step();
        assertThat(navigation.next().getPath()).isEqualTo("/console/login/oauth2/code/oidc");
        return navigation;
    }

    private static Hop last(List<Hop> hops) {
        return hops.get(hops.size() - 1);
    }

    /** Whether this browser is signed in: a same-site visit to the dashboard is not sent to sign in. */
    private boolean signedIn(CookieBrowser browser) {
        return !last(browser.navigate(app("/console/sign-in"), app("/console/dashboard"))).uri().getPath()
                .equals("/console/sign-in");
    }

    /** The callback was refused: the browser is sent to the sign-in page, which says why. */
    private void assertRefused(CookieBrowser browser, Hop callback, String reason, String message) {
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).endsWith("/console/sign-in?refused=" + reason);
        Hop page = last(browser.navigate(null, callback.uri().resolve(callback.location()).toString()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(message);
        assertThat(signedIn(browser)).as("signed in after a refused sign-in").isFalse();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static URI withQuery(URI uri, String name, String value) {
        String query = uri.getRawQuery().replaceAll("(^|&)" + name + "=[^&]*",
                "$1" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        return URI.create(uri.toString().substring(0, uri.toString().indexOf('?') + 1) + query);
    }

    @Test
    void the_dpm_signs_in_across_sites_and_lands_on_the_dashboard_by_a_same_site_page() {
        String subject = "dpm-" + UUID.randomUUID();
        issuer.signInAs(Person.of(subject, "dana.dpm", List.of("DPM")));
        CookieBrowser browser = new CookieBrowser();
        Navigation navigation = clickSignIn(browser);
        String anonymous = browser.cookie(SESSION).map(CookieBrowser.Cookie::value).orElse("");

        // the console sends the browser to the issuer, the authorization request in a cookie of its own
        Hop toIssuer = navigation.step();
        assertThat(toIssuer.status()).isEqualTo(302);
        assertThat(toIssuer.location()).startsWith(issuer.issuer() + "/authorize?");
        String requestCookie = toIssuer.setCookie(REQUEST_COOKIE).orElseThrow();
        assertThat(requestCookie).contains("Path=/console/login/oauth2").contains("Max-Age=300")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String state = query(URI.create(toIssuer.location()), "state");
        String sealed = browser.cookie(REQUEST_COOKIE).orElseThrow().value();
        // sealed, not merely signed: neither the state nor the nonce can be read from it
        assertThat(new String(Base64.getUrlDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
                .doesNotContain(state).doesNotContain("nonce");
        assertThat(toIssuer.setCookie(SESSION)).as("no session for the authorization request").isEmpty();

        // the issuer asked for a nonce and PKCE; the person signs in on its page, which sends them back
        Hop issuersPage = navigation.step();
        assertThat(navigation.next()).isNull();
        assertThat(issuersPage.status()).isEqualTo(200);
        assertThat(issuer.lastAuthorization()).containsKey("nonce").containsEntry("code_challenge_method", "S256")
                .containsEntry("state", state);
        navigation = browser.submit(issuersPage);
        Hop back = navigation.step();
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.location()).startsWith(app("/console/login/oauth2/code/oidc?code="));

        Hop callback = navigation.step();
        assertThat(callback.sameSite()).isFalse();
        assertThat(callback.sent()).as("the Lax request cookie comes back, the Strict session cookie does not")
                .contains(REQUEST_COOKIE).doesNotContain(SESSION);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).isEqualTo(app("/console/signed-in"));
        assertThat(callback.setCookie(REQUEST_COOKIE).orElseThrow()).startsWith(REQUEST_COOKIE + "=;")
                .contains("Max-Age=0").contains("Path=/console/login/oauth2");
        String session = callback.setCookie(SESSION).orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
        assertThat(browser.cookie(SESSION).orElseThrow().value()).isNotEqualTo(anonymous);
        assertThat(browser.cookie(REQUEST_COOKIE)).as("deleted after use").isEmpty();

        // still within the cross-site chain: a page that needs no session
        Hop signedIn = navigation.step();
        assertThat(navigation.next()).isNull();
        assertThat(signedIn.sent()).doesNotContain(SESSION);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body()).contains("<meta http-equiv=\"refresh\" content=\"0; url=/console\"")
                .contains("href=\"/console\"").doesNotContain("<script");
        assertThat(signedIn.response().headers().firstValue("Content-Security-Policy").orElse(""))
                .isEqualTo(ConsoleSecurityIT.CSP);

        // its refresh is a same-site navigation: the session cookie goes with it
        List<Hop> onward = browser.followMetaRefresh(signedIn);
        assertThat(onward.get(0).sameSite()).isTrue();
        assertThat(onward.get(0).sent()).contains(SESSION);
        Hop dashboard = last(onward);
        assertThat(dashboard.uri().getPath()).isEqualTo("/console/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<strong id=\"signed-in-as\">dana.dpm</strong>")
                .contains("<span class=\"role\" id=\"signed-in-role\">DPM</span>");

        // reads are recorded under the issuer's subject
        UUID member = api().register(Api.uniqueUsername());
        Hop read = last(browser.navigate(app("/console/dashboard"),
                app("/console/members/" + member + "?purpose=member-support")));
        assertThat(read.status()).isEqualTo(200);
        assertThat(audit.accessesOf(member)).anySatisfy(a -> {
            assertThat(a.accessorPrincipal()).isEqualTo("oidc:" + subject);
            assertThat(a.accessorRole()).isEqualTo("DPM");
            assertThat(a.resource()).isEqualTo("console:member");
        });

        // why the page: a navigation started on the issuer's site carries no session, so it is sent to sign in
        // (last: the sign-in page's new session then replaces this browser's)
        assertThat(last(browser.navigate(issuer.issuer() + "/", app("/console/dashboard"))).uri().getPath())
                .isEqualTo("/console/sign-in");
    }

    @Test
    void an_auditor_lands_on_the_consent_history_and_not_on_the_dpms_pages() {
        // the claim as a space-separated string, in lower case
        issuer.signInAs(Person.of("auditor-" + UUID.randomUUID(), "alex.auditor", "auditor"));
        CookieBrowser browser = new CookieBrowser();
        Hop signedIn = last(toCallback(browser).finish());
        assertThat(signedIn.uri().getPath()).isEqualTo("/console/signed-in");
        Hop landed = last(browser.followMetaRefresh(signedIn));
        assertThat(landed.uri().getPath()).isEqualTo("/console/consents");
        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.body()).contains("<strong id=\"signed-in-as\">alex.auditor</strong>")
                .contains("<span class=\"role\" id=\"signed-in-role\">AUDITOR</span>");
        assertThat(last(browser.navigate(app("/console/consents"), app("/console/dashboard"))).status())
                .isEqualTo(403);
    }

    @Test
    void a_claim_with_no_console_role_or_with_two_is_refused_with_a_clear_message_and_no_personal_data_logged(
            CapturedOutput output) {
        String message = "must have exactly one console role, DPM or auditor";
        List<Object> claims = java.util.Arrays.asList(null, List.of(), List.of("PORTAL"), "ADMIN",
                List.of("DPM", "AUDITOR"), "DPM AUDITOR", List.of("AUD\u0130TOR"), List.of("aud\u0131tor"));
        for (Object roles : claims) {
            String subject = "refused-" + UUID.randomUUID();
            issuer.signInAs(Person.of(subject, "name-" + subject, roles));
            CookieBrowser browser = new CookieBrowser();
            Navigation navigation = toCallback(browser);
            Hop callback = navigation.step();
            assertRefused(browser, callback, "role", message);
            assertThat(output.getAll()).as("roles " + roles).contains("OpenID Connect refused: console_role_required (OAuth2AuthenticationException)")
                    .doesNotContain(subject);
        }
    }

    @Test
    void a_tampered_state_is_refused() {
        CookieBrowser browser = new CookieBrowser();
        Navigation navigation = toCallback(browser);
        String state = query(navigation.next(), "state");
        navigation.next(withQuery(navigation.next(), "state", state.substring(1) + "x"));
        assertRefused(browser, navigation.step(), "oidc", "did not complete");
    }

    @Test
    void a_tampered_or_missing_request_cookie_is_refused() {
        CookieBrowser tampered = new CookieBrowser();
        Navigation navigation = toCallback(tampered);
        // one character of the sealed value changed (the middle of it: the ciphertext, not the IV)
        tampered.tamper(REQUEST_COOKIE, v -> {
            int at = v.length() / 2;
            return v.substring(0, at) + (v.charAt(at) == 'A' ? 'B' : 'A') + v.substring(at + 1);
        });
        assertRefused(tampered, navigation.step(), "oidc", "did not complete");

        CookieBrowser missing = new CookieBrowser();
        navigation = toCallback(missing);
        missing.forget(REQUEST_COOKIE);
        Hop callback = navigation.step();
        assertThat(callback.sent()).doesNotContain(REQUEST_COOKIE);
        assertRefused(missing, callback, "oidc", "did not complete");
    }

    @Test
    void another_browsers_callback_is_refused_so_nobody_is_signed_in_as_someone_else() {
        // an attacker's own sign-in, stopped before its callback, sent to a victim (login CSRF)
        issuer.signInAs(Person.of("attacker-" + UUID.randomUUID(), "attacker", List.of("DPM")));
        URI attackersCallback = toCallback(new CookieBrowser()).next();
        CookieBrowser victim = new CookieBrowser();
        Navigation navigation = toCallback(victim);
        navigation.next(attackersCallback);
        assertRefused(victim, navigation.step(), "oidc", "did not complete");
        // nor without any sign-in of the victim's own
        CookieBrowser bystander = new CookieBrowser();
        Hop callback = bystander.navigate(issuer.issuer() + "/", attackersCallback.toString()).get(0);
        assertThat(callback.location()).endsWith("/console/sign-in?refused=oidc");
        assertThat(signedIn(bystander)).isFalse();
    }

    @Test
    void a_callback_is_good_once() {
        CookieBrowser browser = new CookieBrowser();
        Navigation navigation = toCallback(browser);
        URI callback = navigation.next();
        assertThat(navigation.step().location()).isEqualTo(app("/console/signed-in"));
        Hop again = browser.navigate(issuer.issuer() + "/", callback.toString()).get(0);
        assertThat(again.sent()).doesNotContain(REQUEST_COOKIE);
        assertThat(again.location()).endsWith("/console/sign-in?refused=oidc");
    }

    @Test
    void an_id_token_for_another_nonce_is_refused() {
        issuer.signInAs(Person.of("nonce-" + UUID.randomUUID(), null, List.of("DPM")).withNonce("not-the-nonce"));
        CookieBrowser browser = new CookieBrowser();
        Navigation navigation = toCallback(browser);
        assertRefused(browser, navigation.step(), "oidc", "did not complete");
    }

    @Test
    void the_session_id_changes_at_sign_in_where_the_browser_sends_the_session_cookie_all_the_way() throws Exception {
        // a browser without SameSite sends the anonymous session to the callback: it must not become the signed-in one
        CookieBrowser browser = new CookieBrowser(false);
        Navigation navigation = toCallback(browser);
        String anonymous = browser.cookie(SESSION).orElseThrow().value();
        Hop callback = navigation.step();
        assertThat(callback.sent()).contains(SESSION, REQUEST_COOKIE);
        assertThat(callback.location()).isEqualTo(app("/console/signed-in"));
        String signedIn = browser.cookie(SESSION).orElseThrow().value();
        assertThat(signedIn).isNotEqualTo(anonymous);
        assertThat(signedIn(browser)).isTrue();
        HttpResponse<Void> withOldId = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(app("/console/dashboard"))).header("Cookie", SESSION + "=" + anonymous)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(withOldId.statusCode()).isEqualTo(302);
        assertThat(withOldId.headers().firstValue("Location").orElse("")).endsWith("/console/sign-in");
    }
}
