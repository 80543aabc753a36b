package ledger.api.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs JWTs for tests with the shared test secret, or another one to test rejection. */
public final class TestJwt {

    private TestJwt() {
    }

    public static String token(String subject, List<String> roles, String issuer, Instant expires, String secret) {
        return signed(claims(subject, roles).expirationTime(Date.from(expires)).issuer(issuer).build(), secret);
    }

    /** The claims of a valid test token (subject, roles, test issuer, issued now, 5 minutes), to change in a test. */
    public static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(IntegrationTest.TEST_JWT_ISSUER)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("roles", roles);
    }

    /** Signs any claims with the test secret. */
    public static String signed(JWTClaimsSet claims) {
        return signed(claims, IntegrationTest.TEST_JWT_SECRET);
    }

    private static String signed(JWTClaimsSet claims, String secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static String valid(String subject, String... roles) {
        return token(subject, List.of(roles), IntegrationTest.TEST_JWT_ISSUER, Instant.now().plusSeconds(300),
                IntegrationTest.TEST_JWT_SECRET);
    }
}
