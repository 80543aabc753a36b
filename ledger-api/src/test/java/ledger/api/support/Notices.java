package ledger.api.support;

import java.time.Instant;

/**
 * Notice versions for tests. The service registers the privacy policy's version {@link #POLICY}
 * itself; tests that need a version of their own register one through the DPM's endpoint, with the
 * policy's terms for both purposes (so that it asks no member to consent again) unless told otherwise.
 */
public final class Notices {

    /** The privacy policy's current version, registered by the default configuration. */
    public static final String POLICY = "2019-01-05";
    /** SHA-256 of the policy's text as shipped (ledger-api/src/main/resources/notices/). */
    public static final String POLICY_SHA256 = "5cdadcd165fa4c3c6ed03cb8eb900dfe215eb60be88eb9a973b109842fc386c4";
    /** The policy's description of portal-membership and newsletter (application.yml). */
    public static final String MEMBERSHIP_DESCRIPTION = "To offer you as a reseller or partner updated information,"
            + " documentation and download files through the partner portal.";
    public static final String NEWSLETTER_DESCRIPTION = "Marketing and information (newsletter).";
    /** Test notices take effect before the policy, so that they never become the notice in effect by chance. */
    public static final Instant EFFECTIVE = Instant.parse("2019-01-01T00:00:00Z");

    private Notices() {
    }

    /** A registration body with the policy's purposes and recipients, the given text, effective from {@code effective}. */
    public static String body(String version, String text, Instant effective, String newsletterDescription) {
        return """
                {"version":"%s","language":"en","url":"https://www.example.org/privacy/%s","text":"%s",
                 "effectiveFrom":"%s",
                 "purposes":{"portal-membership":{"description":"%s","legalBasis":"Consent (GDPR Art. 6(1)(a))"},
                             "newsletter":{"description":"%s","legalBasis":"Consent (GDPR Art. 6(1)(a))"}},
                 "retention":"three months after the membership ends",
                 "recipients":[{"name":"IT service provider (personal data assistant)","role":"processor",
                                "purposes":["portal-membership","newsletter"],"location":"EU/EEA","insideEuEea":true},
                               {"name":"Newsletter service (personal data assistant)","role":"processor",
                                "purposes":["newsletter"],"location":"EU/EEA","insideEuEea":true}]}
                """.formatted(version, version, text, effective, MEMBERSHIP_DESCRIPTION, newsletterDescription);
    }

    /** Registers a test notice with the policy's terms (201, or 200 when it is registered already). */
    public static void register(Api api, String version) {
        Api.Response response = api.as(Api.DPM).post("/api/v1/notices",
                body(version, "Test notice " + version, EFFECTIVE, NEWSLETTER_DESCRIPTION));
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("registering the test notice failed: " + response);
        }
    }
}
