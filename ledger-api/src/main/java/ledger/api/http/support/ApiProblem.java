package ledger.api.http.support;

import org.springframework.http.HttpStatus;

/**
 * An error of the HTTP contract itself (a bad query parameter, an unknown id in a read), as
 * opposed to a domain {@link ledger.core.shared.Refusal}: status, stable code, a message that
 * names what is wrong without echoing the input, and the parameter it concerns, if any.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiProblem(HttpStatus status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiProblem notFound(String code, String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The parameter or field the problem concerns, or {@code null}. */
    public String field() {
        return field;
    }
}
