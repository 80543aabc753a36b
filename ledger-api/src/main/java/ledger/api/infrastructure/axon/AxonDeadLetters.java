package ledger.api.infrastructure.axon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import ledger.api.application.operations.DeadLetters;

/** The DeadLetters port as infrastructure implements it. */
@Service
public class AxonDeadLetters implements DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final SavepointPerEvent savepoints;
    private final DeadLetterConfiguration.DeadLetterGroups groups;

    AxonDeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, SavepointPerEvent savepoints,
            DeadLetterConfiguration.DeadLetterGroups groups) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.savepoints = savepoints;
        this.groups = groups;
    }

    @Override
    public boolean isGroup(String group) {
        return groups.names().contains(group);
    }

    @Override
    public List<String> groupNames() {
        return List.copyOf(groups.names());
    }

    /** The letters in queue order (group, sequence, index), of one group or of all. */
    @Override
    public List<Letter> list(String group, int limit) {
        String where = group == null ? "" : " WHERE processing_group = ?";
        Object[] args = group == null ? new Object[] {limit} : new Object[] {group, limit};
        return jdbc.query("SELECT dead_letter_identifier, processing_group, sequence_identifier, sequence_index,"
                        + " event_identifier, payload_type, aggregate_identifier, sequence_number, time_stamp,"
                        + " enqueued_at, last_touched, cause_type, cause_message FROM dead_letter_entry" + where
                        + " ORDER BY processing_group, sequence_identifier, sequence_index LIMIT ?",
                (rs, i) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8),
                        instant(rs.getString(9)), instant(rs.getString(10)), instant(rs.getString(11)),
                        rs.getString(12), rs.getString(13)),
                args);
    }

    @Override
    public Optional<Letter> find(String id) {
        return jdbc.query("SELECT dead_letter_identifier, processing_group, sequence_identifier, sequence_index,"
                        + " event_identifier, payload_type, aggregate_identifier, sequence_number, time_stamp,"
                        + " enqueued_at, last_touched, cause_type, cause_message FROM dead_letter_entry"
                        + " WHERE dead_letter_identifier = ?",
                (rs, i) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8),
                        instant(rs.getString(9)), instant(rs.getString(10)), instant(rs.getString(11)),
                        rs.getString(12), rs.getString(13)),
                id).stream().findFirst();
    }

    /** Letters per processing group, every dead-lettering group named (0 when empty). */
    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        groups.names().forEach(group -> counts.put(group, 0L));
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    @Override
    public long count(String group) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, group);
        return count == null ? 0 : count;
    }

    /**
     * Retries the sequence the letter belongs to, from its first letter: true when every letter of
     * it was handled (and removed). A letter that still fails leaves the sequence as it was.
     */
    @Override
    public boolean retry(Letter letter) {
        String head = jdbc.queryForObject("SELECT event_identifier FROM dead_letter_entry WHERE processing_group = ?"
                        + " AND sequence_identifier = ? ORDER BY sequence_index LIMIT 1", String.class,
                letter.processingGroup(), letter.sequenceIdentifier());
        return process(letter.processingGroup(), processor -> processor.process(
                dead -> dead.message().getIdentifier().equals(head)));
    }

    /** Retries every sequence of the group once. */
    @Override
    public Retry retryAll(String group) {
        int tried = 0;
        int resolved = 0;
        for (String head : sequenceHeads(group)) {
            tried++;
            if (process(group, processor -> processor.process(dead -> dead.message().getIdentifier().equals(head)))) {
                resolved++;
            }
        }
        log.info("Dead letters of {}: {} of {} sequences resolved", group, resolved, tried);
        return new Retry(group, tried, resolved, count(group));
    }

    /** Removes one letter for good: its event is not applied to the read model. */
    @Override
    public boolean evict(Letter letter) {
        int removed = jdbc.update("DELETE FROM dead_letter_entry WHERE dead_letter_identifier = ?", letter.id());
        if (removed > 0) {
            log.warn("Dead letter {} of {} evicted by an administrator: event {} is not applied", letter.id(),
                    letter.processingGroup(), letter.eventId());
        }
        return removed > 0;
    }

    private List<String> sequenceHeads(String group) {
        return jdbc.queryForList("SELECT DISTINCT ON (sequence_identifier) event_identifier FROM dead_letter_entry"
                + " WHERE processing_group = ? ORDER BY sequence_identifier, sequence_index", String.class, group);
    }

    private boolean process(String group, Predicate<SequencedDeadLetterProcessor<EventMessage<?>>> run) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
        savepoints.beCareful(group);
        try {
            return run.test(processor);
        } catch (RuntimeException stillFailing) {
            // the handlers' failure rolled the retry back: the letters are as they were
            log.warn("Dead letters of {} still fail ({}); left in the queue", group,
                    stillFailing.getClass().getName());
            return false;
        }
    }

    private static Instant instant(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }
}
