package ledger.api.http.security;

/**
 * The role names for {@code @RolesAllowed} at each endpoint (an annotation takes constants, not enum
 * values); {@code RolesTest} keeps them equal to {@link Role}.
 */
public final class Roles {

    public static final String PORTAL = "PORTAL";
    public static final String AUDITOR = "AUDITOR";
    public static final String DPM = "DPM";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
