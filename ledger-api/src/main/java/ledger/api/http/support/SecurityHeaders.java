package ledger.api.http.support;

/** The security headers' values, shared by Spring Security's answers and Tomcat's own error answers. */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }
}
