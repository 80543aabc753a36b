package ledger.projections.history;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.core.shared.Actor;

/** One consent event of a member as the consent history and the register extract show it. */
public record ConsentEntry(long seq, String type, String purpose, String policyVersion, String channel, Instant at,
                           Actor actor) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Optional<ConsentEntry> of(MemberHistoryRow row) {
        String type = switch (row.type()) {
            case "ConsentGiven" -> "GIVEN";
            case "ConsentWithdrawn" -> "WITHDRAWN";
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        JsonNode details;
        try {
            details = JSON.readTree(row.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member_history.details is not JSON", e);
        }
        return Optional.of(new ConsentEntry(row.seq(), type, text(details, "purpose"), text(details, "policyVersion"),
                text(details, "channel"), row.at(), new Actor(row.actorPrincipal(), row.actorRole())));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
