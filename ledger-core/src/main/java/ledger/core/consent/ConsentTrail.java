package ledger.core.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;

/**
 * A member's consent events as stored, in the member's event order: every consent given, every
 * withdrawal and the erasure, each with its stored event id and sequence number (what the
 * verifiable ledger's leaves and proofs are found by). Read from the event store, not from a read
 * model: this is the evidence an auditor checks against the log. Answers what the member's consent
 * to a purpose was at any moment and the life cycle of one consent.
 */
public record ConsentTrail(List<Entry> entries) {

    /** One stored consent event: its event id, the member's sequence number, the event. */
    public record Entry(String eventId, long sequence, MemberEvent event) {

        public Entry {
            Objects.requireNonNull(eventId, "eventId");
            if (!(event instanceof ConsentGiven || event instanceof ConsentWithdrawn || event instanceof MemberErased)) {
                throw new IllegalArgumentException("a consent trail holds consents, withdrawals and the erasure only");
            }
        }

        public String type() {
            return event.getClass().getSimpleName();
        }

        public Instant at() {
            return event.at();
        }
    }

    /**
     * The consent to a purpose at a moment. Granted: the consent in force, its notice and since when
     * it was given. Not granted after a consent: the notice of the consent that ended and since when
     * it ended (withdrawal or erasure). Never consented by then: nothing but {@code granted = false}.
     * {@code evidence} is the purpose's life cycle up to the moment: every consent to it, every
     * withdrawal of it and the erasure that closed it, in order. An event counts from the microsecond
     * it happened in.
     */
    public record StateAt(boolean granted, UUID consentId, String noticeVersion, String noticeSha256, Instant since,
                          List<Entry> evidence) {
    }

    /** How one consent stands: still in force, withdrawn, replaced by a later consent to the purpose, or erased. */
    public enum State {
        ACTIVE, WITHDRAWN, SUPERSEDED, ERASED
    }

    /** One consent's life: the event that gave it, the one that ended it (if any), and its state. */
    public record Lifecycle(Entry given, Optional<Entry> ended, State state) {

        public ConsentGiven consent() {
            return (ConsentGiven) given.event();
        }

        public List<Entry> events() {
            List<Entry> events = new ArrayList<>();
            events.add(given);
            ended.ifPresent(events::add);
            return events;
        }
    }

    public ConsentTrail {
        entries = entries.stream().sorted(java.util.Comparator.comparingLong(Entry::sequence)).toList();
    }

    /** Whether the member was erased (receipts are no longer given). */
    public boolean erased() {
        return entries.stream().anyMatch(e -> e.event() instanceof MemberErased);
    }

    public StateAt stateAt(String purpose, Instant at) {
        ConsentGiven current = null;
        ConsentGiven last = null;
        Instant since = null;
        List<Entry> evidence = new ArrayList<>();
        for (Entry entry : entries) {
            // to the microsecond: the read models (and PostgreSQL) keep event times so, and an auditor
            // asking at a time read from them must see the event that happened then
            if (entry.at().truncatedTo(ChronoUnit.MICROS).isAfter(at)) {
                break;
            }
            if (entry.event() instanceof ConsentGiven given && given.purpose().equals(purpose)) {
                current = given;
                last = given;
                since = given.at();
                evidence.add(entry);
            } else if (entry.event() instanceof ConsentWithdrawn withdrawn && withdrawn.purpose().equals(purpose)) {
                current = null;
                since = withdrawn.at();
                evidence.add(entry);
            } else if (entry.event() instanceof MemberErased erased && last != null) {
                if (current != null) {
                    since = erased.at();
                }
                current = null;
                evidence.add(entry);
            }
        }
        if (last == null) {
            return new StateAt(false, null, null, null, null, List.of());
        }
        return new StateAt(current != null, last.consentId(), last.policyVersion(), last.noticeSha256(), since,
                List.copyOf(evidence));
    }

    /** The life cycle of one consent, if the member gave it. */
    public Optional<Lifecycle> lifecycle(UUID consentId) {
        Entry given = null;
        for (Entry entry : entries) {
            if (given == null) {
                if (entry.event() instanceof ConsentGiven c && c.consentId().equals(consentId)) {
                    given = entry;
                }
                continue;
            }
            String purpose = ((ConsentGiven) given.event()).purpose();
            if (entry.event() instanceof ConsentWithdrawn w && w.consentId().equals(consentId)) {
                return Optional.of(new Lifecycle(given, Optional.of(entry), State.WITHDRAWN));
            }
            if (entry.event() instanceof ConsentGiven c && c.purpose().equals(purpose)) {
                return Optional.of(new Lifecycle(given, Optional.of(entry), State.SUPERSEDED));
            }
            if (entry.event() instanceof MemberErased) {
                return Optional.of(new Lifecycle(given, Optional.of(entry), State.ERASED));
            }
        }
        return Optional.ofNullable(given).map(g -> new Lifecycle(g, Optional.empty(), State.ACTIVE));
    }
}
