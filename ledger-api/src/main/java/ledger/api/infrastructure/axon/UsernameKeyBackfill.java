package ledger.api.infrastructure.axon;

import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberRegistered;
import ledger.core.member.Usernames;

/**
 * Gives username claims made before V23 their look-alike key: the username comes from the
 * member's {@link MemberRegistered} event (decrypted by the serializer; erased members have no
 * claim), only its digest is written. Runs at start on every node; idempotent. A claim whose key
 * another claim has already (two look-alike names registered before V23) keeps none and is counted.
 */
@Component
public class UsernameKeyBackfill {

    private static final Logger log = LoggerFactory.getLogger(UsernameKeyBackfill.class);

    private final EventStore events;
    private final JdbcTemplate jdbc;

    UsernameKeyBackfill(@Lazy EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Username key backfill stopped ({}); it runs again at the next start", e.getClass().getName());
        }
    }

    /** Returns how many claims got their key. */
    public int run() {
        List<UUID> members = jdbc.queryForList("SELECT member_id FROM username_claim WHERE username_key IS NULL",
                UUID.class);
        int keyed = 0;
        int clashes = 0;
        for (UUID member : members) {
            String username = registeredUsername(member);
            if (username == null) {
                continue;
            }
            try {
                keyed += jdbc.update("UPDATE username_claim SET username_key = ? WHERE member_id = ?"
                        + " AND username_key IS NULL", Usernames.keyDigest(username), member);
            } catch (DataIntegrityViolationException e) {
                clashes++;
            }
        }
        if (!members.isEmpty()) {
            log.info("Username key backfill: {} of {} claims keyed, {} look-alikes of another claim", keyed,
                    members.size(), clashes);
        }
        return keyed;
    }

    private String registeredUsername(UUID member) {
        DomainEventStream stream = events.readEvents(member.toString(), 0);
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof MemberRegistered registered ? registered.username() : null;
    }
}
