package ledger.api.http.security;

/** The callers of the ledger, as API.md names them. */
public enum Role {
    PORTAL,
    AUDITOR,
    DPM,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
