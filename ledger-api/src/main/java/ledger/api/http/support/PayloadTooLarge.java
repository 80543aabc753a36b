package ledger.api.http.support;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Thrown while reading a body that exceeds the configured limit. */
final class PayloadTooLarge extends IOException {

    PayloadTooLarge() {
        super("request body too large", null);
    }

    static ProblemDetail problem() {
        return ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
                "the request body exceeds the limit");
    }
}
