package ledger.api.http.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * OAuth2/JWT callers ({@code ledger.security.jwt.*}). Keys come from the issuer's discovery
 * ({@code issuer-uri}), a JWK set ({@code jwk-set-uri}) or, for tests and closed setups, a shared
 * HMAC secret ({@code secret}, at least 32 bytes). Roles are read from {@code roles-claim}.
 */
@ConfigurationProperties("ledger.security.jwt")
public record JwtProperties(
        String issuerUri,
        String jwkSetUri,
        String secret,
        String issuer,
        String audience,
        @DefaultValue("roles") String rolesClaim) {

    public boolean enabled() {
        return StringUtils.hasText(issuerUri) || StringUtils.hasText(jwkSetUri) || StringUtils.hasText(secret);
    }
}
