package ledger.api.http.support;

/** Patterns shared by every request body, so a field means the same thing on every endpoint. */
public final class Fields {

    /**
     * Bidirectional controls (embeddings, overrides, isolates, marks): they make text display
     * differently from what it is ("Trojan Source"), so a trail entry could read as something else.
     */
    private static final String BIDI = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

    /** No control characters in any text field: they only serve log and header injection. No bidi controls. */
    public static final String PRINTABLE = "^[^\\p{Cntrl}" + BIDI + "]*$";
    /** Free text (a message): line breaks and tabs allowed, no bidi controls. */
    public static final String TEXT = "^[^" + BIDI + "]*$";
    private static final String EMAIL_CHAR = "[^@\\s\\p{Cntrl}" + BIDI + "]";
    public static final String EMAIL = "^" + EMAIL_CHAR + "{1,64}@" + EMAIL_CHAR + "+\\." + EMAIL_CHAR + "{2,}$";

    private Fields() {
    }
}
