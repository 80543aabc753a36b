package ledger.core.shared;

import java.util.Map;

/**
 * A command refused by a business rule. Messages name the rule, never personal data, because
 * they travel into logs and HTTP problem details.
 */
public abstract class Refusal extends RuntimeException {

    /** How a refusal maps onto the HTTP contract. */
    public enum Kind {
        /** The input names something the ledger does not know (400). */
        INVALID,
        /** The target does not exist (404). */
        NOT_FOUND,
        /** The state of the ledger conflicts with the command (409). */
        CONFLICT,
        /** A rule forbids what the command asks (422). */
        RULE
    }

    private final Kind kind;
    private final String code;

    protected Refusal(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable code for clients, e.g. {@code username-taken}. */
    public String code() {
        return code;
    }

    /** The request field the refusal is about, if one is. */
    protected String field() {
        return null;
    }

    /** What the client needs beyond the message to act on the refusal (ids, never personal data). */
    protected Map<String, Object> properties() {
        return Map.of();
    }

    /** Everything the HTTP side shows of this refusal, in a form that crosses process boundaries. */
    public RefusalDetails details() {
        return new RefusalDetails(kind, code, getMessage(), field(), properties());
    }
}
