package ledger.core.shared;

import java.util.Map;

/**
 * A refusal as it crosses a process boundary (Axon Server routes commands between nodes and only
 * the exception's details survive the trip), and as the HTTP side reads every refusal: kind, code,
 * message, the request field it concerns (or {@code null}) and further properties for the problem
 * body (ids, never personal data).
 */
public record RefusalDetails(Refusal.Kind kind, String code, String message, String field,
                             Map<String, Object> properties) {

    public RefusalDetails {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
