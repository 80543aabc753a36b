package ledger.api.http.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.StringUtils;

import ledger.api.configuration.LedgerProperties;

/** Builds the JWT decoder, validators and role mapping from {@link LedgerProperties.JwtSettings}. */
final class JwtSupport {

    private JwtSupport() {
    }

    static JwtDecoder decoder(LedgerProperties.JwtSettings properties) {
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(properties.secret())) {
            byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("ledger.security.jwt.secret must have at least 32 bytes");
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else if (StringUtils.hasText(properties.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        } else {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(properties.issuerUri());
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        String issuer = StringUtils.hasText(properties.issuer()) ? properties.issuer() : properties.issuerUri();
        validators.add(StringUtils.hasText(issuer) ? JwtValidators.createDefaultWithIssuer(issuer)
                : JwtValidators.createDefault());
        validators.add(requiredClaims(properties.maxLifetime()));
        if (StringUtils.hasText(properties.audience())) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Largest difference allowed between the token's clock and ours. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** A recorded caller name: 1-255 visible characters, not starting like a spreadsheet formula. */
    private static final int MAX_SUBJECT_LENGTH = 255;

    /**
     * {@code exp} and {@code sub} are required; the token may live at most {@code maxLifetime} (from
     * {@code iat}, or from now when it has none); the subject must be fit to be recorded.
     */
    static OAuth2TokenValidator<Jwt> requiredClaims(Duration maxLifetime) {
        return jwt -> {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return failure("exp is required");
            }
            Instant from = jwt.getIssuedAt() != null ? jwt.getIssuedAt() : Instant.now();
            if (Duration.between(from, expiresAt).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
                return failure("the token lives longer than allowed");
            }
            if (jwt.getIssuedAt() != null && jwt.getIssuedAt().isAfter(Instant.now().plus(CLOCK_SKEW))) {
                return failure("iat is in the future");
            }
            Object sub = jwt.getClaims().get("sub");
            if (!(sub instanceof String subject) || !validSubject(subject)) {
                return failure("sub is missing or not a valid caller name");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** Visible characters only (no controls, format characters, separators other than none), at most 255. */
    static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH || "=+-@".indexOf(subject.charAt(0)) >= 0) {
            return false;
        }
        return subject.codePoints().allMatch(JwtSupport::visible);
    }

    private static boolean visible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED ->
                    false;
            default -> true;
        };
    }

    private static OAuth2TokenValidatorResult failure(String reason) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null));
    }

    /** Roles from the configured claim ({@link Role#claimedIn}). */
    static Converter<Jwt, AbstractAuthenticationToken> authentication(LedgerProperties.JwtSettings properties) {
        return jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            Role.claimedIn(jwt.getClaims().get(properties.rolesClaim()))
                    .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            return new JwtAuthenticationToken(jwt, authorities, "jwt:" + jwt.getSubject());
        };
    }

    /** Leaves a request alone that a static token authenticated already. */
    static BearerTokenResolver resolver() {
        DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();
        return request -> {
            var existing = SecurityContextHolder.getContext().getAuthentication();
            return existing != null && existing.isAuthenticated() ? null : delegate.resolve(request);
        };
    }
}
