package ledger.core.shared;

import java.util.List;
import java.util.UUID;

/**
 * A refusal as it crosses a process boundary (Axon Server routes commands between nodes and only
 * the exception's details survive the trip): kind, code, message and the holds it names.
 */
public record RefusalDetails(Refusal.Kind kind, String code, String message, List<UUID> holds) {

    public RefusalDetails {
        holds = holds == null ? List.of() : List.copyOf(holds);
    }
}
