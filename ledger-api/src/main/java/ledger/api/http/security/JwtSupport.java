package ledger.api.http.security;

import ledger.api.LedgerProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

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
        if (StringUtils.hasText(properties.audience())) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Roles from the configured claim (a list, or a space- or comma-separated string), case-insensitive. */
    static Converter<Jwt, AbstractAuthenticationToken> authentication(LedgerProperties.JwtSettings properties) {
        return jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            Object claim = jwt.getClaims().get(properties.rolesClaim());
            List<String> values = new ArrayList<>();
            if (claim instanceof Collection<?> list) {
                list.forEach(v -> values.add(String.valueOf(v)));
            } else if (claim instanceof String text) {
                values.addAll(List.of(text.split("[ ,]+")));
            }
            for (String value : values) {
                for (Role role : Role.values()) {
                    if (role.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                        authorities.add(new SimpleGrantedAuthority(role.authority()));
                    }
                }
            }
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
