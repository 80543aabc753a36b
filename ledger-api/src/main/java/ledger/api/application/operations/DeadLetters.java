package ledger.api.application.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead letters of every processing group (docs/reliability.md): listed from the table without
 * touching payloads (they are encrypted and may be erased), retried through Axon, which runs the
 * group's handlers on the letters of one sequence in one transaction (all or nothing), or evicted.
 */
public interface DeadLetters {

    /** One dead letter: where and why, never what (no payload, no exception text). */
    public record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex,
            String eventId, String payloadType, String aggregateIdentifier, Long sequenceNumber,
            Instant eventTimestamp, Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage) {
    }

    /** The outcome of a retry: how many sequences were handled completely, and what is left. */
    public record Retry(String processingGroup, int sequencesTried, int sequencesResolved, long lettersLeft) {
    }

    boolean isGroup(String group);

    List<String> groupNames();

    /** The letters in queue order (group, sequence, index), of one group or of all. */
    List<Letter> list(String group, int limit);

    Optional<Letter> find(String id);

    /** Letters per processing group, every dead-lettering group named (0 when empty). */
    Map<String, Long> counts();

    long count(String group);

    /**
     * Retries the sequence the letter belongs to, from its first letter: true when every letter of
     * it was handled (and removed). A letter that still fails leaves the sequence as it was.
     */
    boolean retry(Letter letter);

    /** Retries every sequence of the group once. */
    Retry retryAll(String group);

    /** Removes one letter for good: its event is not applied to the read model. */
    boolean evict(Letter letter);
}
