package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import ledger.api.configuration.LedgerProperties;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TestJwt;

/** The JWT checks that need settings the integration tests do not use (an audience, a shorter lifetime). */
class JwtSupportTest {

    private static JwtDecoder decoder(String audience, Duration maxLifetime) {
        return JwtSupport.decoder(new LedgerProperties.JwtSettings(null, null, IntegrationTest.TEST_JWT_SECRET,
                IntegrationTest.TEST_JWT_ISSUER, audience, "roles", maxLifetime));
    }

    @Test
    void a_configured_audience_is_required_and_checked() {
        JwtDecoder decoder = decoder("ledger", Duration.ofHours(1));
        String right = TestJwt.signed(TestJwt.claims("svc", List.of("PORTAL")).audience("ledger").build());
        assertThat(decoder.decode(right).getSubject()).isEqualTo("svc");
        String wrong = TestJwt.signed(TestJwt.claims("svc", List.of("PORTAL")).audience("other").build());
        assertThatThrownBy(() -> decoder.decode(wrong)).isInstanceOf(JwtValidationException.class);
        String none = TestJwt.signed(TestJwt.claims("svc", List.of("PORTAL")).build());
        assertThatThrownBy(() -> decoder.decode(none)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void the_lifetime_cap_follows_the_setting() {
        JwtDecoder decoder = decoder(null, Duration.ofMinutes(2));
        String fiveMinutes = TestJwt.signed(TestJwt.claims("svc", List.of("PORTAL")).build());
        assertThatThrownBy(() -> decoder.decode(fiveMinutes)).isInstanceOf(JwtValidationException.class);
        assertThat(decoder(null, Duration.ofMinutes(10)).decode(fiveMinutes).getSubject()).isEqualTo("svc");
    }
}
