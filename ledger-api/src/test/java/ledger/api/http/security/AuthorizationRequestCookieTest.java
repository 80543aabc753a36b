package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/** The sealed cookie that carries the console's OIDC authorization request (docs/console.md). */
class AuthorizationRequestCookieTest {

    private static final Instant NOW = Instant.parse("2026-11-29T17:49:00Z");

    private final javax.crypto.SecretKey key = AuthorizationRequestCookie.newKey();
    private final AuthorizationRequestCookie cookies = new AuthorizationRequestCookie(key,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static OAuth2AuthorizationRequest request(String state) {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://127.0.0.1:9/authorize")
                .clientId("ledger-console")
                .redirectUri("http://localhost:8080/console/login/oauth2/code/oidc")
                .scope("openid", "profile")
                .state(state)
                .additionalParameters(Map.of("nonce", "hash-of-the-nonce", "code_challenge", "challenge",
                        "code_challenge_method", "S256"))
                .attributes(Map.of("registration_id", "oidc", "nonce", "the-nonce", "code_verifier", "the-verifier"))
                .build();
    }

    /** Saves the request as the redirect to the issuer does; answers the Set-Cookie header. */
    private String save(AuthorizationRequestCookie repository, OAuth2AuthorizationRequest request, boolean secure) {
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/console/oauth2/authorization/oidc");
        http.setSecure(secure);
        MockHttpServletResponse response = new MockHttpServletResponse();
        repository.saveAuthorizationRequest(request, http, response);
        return response.getHeader("Set-Cookie");
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static MockHttpServletRequest callback(String value, String state) {
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/console/login/oauth2/code/oidc");
        http.setParameter("code", "the-code");
        http.setParameter("state", state);
        if (value != null) {
            http.setCookies(new Cookie("LEDGER_CONSOLE_OIDC", value));
        }
        return http;
    }

    @Test
    void the_cookie_is_http_only_lax_short_lived_on_the_callbacks_path_and_secure_over_tls() {
        String plain = save(cookies, request("s1"), false);
        assertThat(plain).startsWith("LEDGER_CONSOLE_OIDC=").contains("; Path=/console/login/oauth2")
                .contains("; Max-Age=300").contains("; HttpOnly").contains("; SameSite=Lax").doesNotContain("Secure");
        assertThat(save(cookies, request("s1"), true)).contains("; Secure");
    }

    @Test
    void the_request_comes_back_whole_for_its_own_state_and_its_secrets_are_not_readable() {
        OAuth2AuthorizationRequest saved = request("state-1");
        String value = value(save(cookies, saved, false));
        assertThat(new String(Base64.getUrlDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("state-1").doesNotContain("the-nonce").doesNotContain("the-verifier");

        OAuth2AuthorizationRequest loaded = cookies.loadAuthorizationRequest(callback(value, "state-1"));
        assertThat(loaded).isNotNull();
        assertThat(loaded.getAuthorizationUri()).isEqualTo(saved.getAuthorizationUri());
        assertThat(loaded.getClientId()).isEqualTo("ledger-console");
        assertThat(loaded.getRedirectUri()).isEqualTo(saved.getRedirectUri());
        assertThat(loaded.getScopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(loaded.getState()).isEqualTo("state-1");
        assertThat(loaded.getAdditionalParameters()).isEqualTo(saved.getAdditionalParameters());
        assertThat(loaded.getAttributes()).isEqualTo(saved.getAttributes());
        assertThat(loaded.getAuthorizationRequestUri()).isEqualTo(saved.getAuthorizationRequestUri());

        assertThat(cookies.loadAuthorizationRequest(callback(value, "state-2"))).as("another state").isNull();
    }

    @Test
    void any_changed_bit_another_key_garbage_or_age_is_refused() {
        String value = value(save(cookies, request("state-1"), false));
        byte[] sealed = Base64.getUrlDecoder().decode(value);
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThat(cookies.loadAuthorizationRequest(callback(tampered, "state-1"))).as("byte " + i).isNull();
        }
        assertThat(cookies.loadAuthorizationRequest(callback(value.substring(0, value.length() - 1), "state-1")))
                .isNull();
        AuthorizationRequestCookie otherProcess = new AuthorizationRequestCookie(AuthorizationRequestCookie.newKey(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherProcess.loadAuthorizationRequest(callback(value, "state-1"))).as("another key").isNull();
        for (String garbage : new String[] {"", "!!!", "AAAA", "A".repeat(5000)}) {
            assertThat(cookies.loadAuthorizationRequest(callback(garbage, "state-1"))).isNull();
        }
        AuthorizationRequestCookie later = new AuthorizationRequestCookie(key,
                Clock.fixed(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.loadAuthorizationRequest(callback(value, "state-1"))).as("after five minutes").isNull();
        assertThat(cookies.loadAuthorizationRequest(callback(null, "state-1"))).as("no cookie").isNull();
    }

    @Test
    void the_callback_removes_the_cookie_whether_or_not_it_matched() {
        String value = value(save(cookies, request("state-1"), false));
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(cookies.removeAuthorizationRequest(callback(value, "state-1"), response)).isNotNull();
        assertThat(response.getHeader("Set-Cookie")).startsWith("LEDGER_CONSOLE_OIDC=;").contains("Max-Age=0")
                .contains("Path=/console/login/oauth2");

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(cookies.removeAuthorizationRequest(callback(value, "forged"), refused)).isNull();
        assertThat(refused.getHeader("Set-Cookie")).contains("Max-Age=0");

        MockHttpServletResponse none = new MockHttpServletResponse();
        assertThat(cookies.removeAuthorizationRequest(callback(null, "state-1"), none)).isNull();
        assertThat(none.getHeader("Set-Cookie")).isNull();
    }
}
