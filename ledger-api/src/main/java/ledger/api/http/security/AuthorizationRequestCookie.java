package ledger.api.http.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps the console's OpenID Connect authorization request (state, nonce, PKCE verifier) in a
 * short-lived cookie of its own rather than in the session. The session cookie is SameSite=Strict,
 * so a browser does not send it on the issuer's cross-site redirect back to the callback; this
 * cookie is SameSite=Lax (sent on that top-level GET) and scoped to the callback's path only.
 *
 * <p>Its value is sealed with AES-GCM under a key made when the service starts: the browser can
 * neither read it (the nonce and the PKCE verifier stay secret) nor alter it, and its JSON is parsed
 * only after the tag verifies. It expires after {@link #LIFETIME} (also inside the sealed value, not
 * only as Max-Age) and is deleted when the callback arrives. The state is compared here and again by
 * Spring. A restart or another node (without sticky routing, which the in-memory session needs
 * anyway) only means signing in again.
 */
final class AuthorizationRequestCookie implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String NAME = "LEDGER_CONSOLE_OIDC";
    /** The callback's path ({@code /console/login/oauth2/code/oidc}): no other request carries the cookie. */
    static final String PATH = "/console/login/oauth2";
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Browsers keep cookies up to 4096 bytes; a request that does not fit is refused rather than cut. */
    private static final int MAX_VALUE_LENGTH = 3800;
    /** Binds the sealed value to this cookie and format version. */
    private static final byte[] ASSOCIATED_DATA = (NAME + ":1").getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is sealed: the request's fields (its URI is rebuilt from them) and when it expires. */
    record Sealed(String authorizationUri, String clientId, String redirectUri, List<String> scopes, String state,
                  Map<String, String> parameters, Map<String, String> attributes, long expiresAt) {
    }

    private final SecretKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AuthorizationRequestCookie() {
        this(newKey(), Clock.systemUTC());
    }

    AuthorizationRequestCookie(SecretKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, new SecureRandom());
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES key generator", e);
        }
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        if (state == null) {
            return null;
        }
        Sealed sealed = unseal(value(request));
        if (sealed == null || sealed.expiresAt() <= clock.millis() || sealed.state() == null
                || !MessageDigest.isEqual(sealed.state().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(sealed.authorizationUri())
                .clientId(sealed.clientId())
                .redirectUri(sealed.redirectUri())
                .scopes(new LinkedHashSet<>(sealed.scopes()))
                .state(sealed.state())
                .additionalParameters(new LinkedHashMap<>(sealed.parameters()))
                .attributes(new LinkedHashMap<>(sealed.attributes()))
                .build();
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            delete(request, response);
            return;
        }
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorizationRequest.getGrantType())) {
            throw new IllegalArgumentException("only the authorization code flow is kept");
        }
        Sealed sealed = new Sealed(authorizationRequest.getAuthorizationUri(), authorizationRequest.getClientId(),
                authorizationRequest.getRedirectUri(), List.copyOf(authorizationRequest.getScopes()),
                authorizationRequest.getState(), strings(authorizationRequest.getAdditionalParameters()),
                strings(authorizationRequest.getAttributes()), clock.millis() + LIFETIME.toMillis());
        String value = seal(sealed);
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalStateException("the authorization request does not fit in a cookie");
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(value, LIFETIME, request.isSecure()).toString());
    }

    /** The request for this callback, if its cookie is genuine, fresh and names the callback's state; the cookie goes either way. */
    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                 HttpServletResponse response) {
        OAuth2AuthorizationRequest authorizationRequest = loadAuthorizationRequest(request);
        if (value(request) != null) {
            delete(request, response);
        }
        return authorizationRequest;
    }

    private static void delete(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(NAME, value).path(PATH).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite("Lax").build();
    }

    private static String value(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The request's parameters and attributes are strings (state, nonce, its hash, PKCE); anything else is refused. */
    private static Map<String, String> strings(Map<String, Object> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("a non-text value in the authorization request: " + name);
            }
            strings.put(name, text);
        });
        return strings;
    }

    String seal(Sealed sealed) {
        try {
            byte[] plain = JSON.writeValueAsBytes(sealed);
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealedBytes = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealedBytes.length).put(iv).put(sealedBytes).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("the authorization request could not be sealed", e);
        }
    }

    /** The sealed request, or {@code null} for anything not sealed by this key (nothing is parsed before the tag verifies). */
    Sealed unseal(String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            return null;
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            return null;
        }
        try {
            Sealed sealed = JSON.readValue(plain, Sealed.class);
            return sealed.scopes() == null || sealed.parameters() == null || sealed.attributes() == null ? null
                    : sealed;
        } catch (java.io.IOException e) {
            // sealed by us, so this would be a change of format across a restart: sign in again
            return null;
        }
    }
}
