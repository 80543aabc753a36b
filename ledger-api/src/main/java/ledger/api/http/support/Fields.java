package ledger.api.http.support;

/** Patterns shared by every request body, so a field means the same thing on every endpoint. */
public final class Fields {

    /** No control characters in any text field: they only serve log and header injection. */
    public static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    public static final String EMAIL = "^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]{2,}$";

    private Fields() {
    }
}
