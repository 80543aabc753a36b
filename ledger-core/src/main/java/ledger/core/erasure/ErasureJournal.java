package ledger.core.erasure;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import ledger.core.erasure.ErasureGround;

/**
 * A record of erasures kept outside the database, so that restoring a backup taken before an
 * erasure cannot bring the subject's key back: at start a node re-applies every journaled erasure
 * the database does not know (docs/crypto-shredding.md, "Backups, WAL and the erasure journal").
 * Entries hold ids, the ground and times only, never personal data.
 */
public interface ErasureJournal {

    /** Journals nothing: for tests of the domain rules that do not concern the journal. */
    ErasureJournal NONE = entry -> {
    };

    /**
     * Called inside the erasing unit of work, after the aggregate accepted the erasure and before
     * anything commits. Returns only once the entry is durable (write-ahead); the outcome of the
     * unit of work (committed or rolled back) is journaled after it. Throws when the entry cannot
     * be written: no erasure commits without its journal entry.
     */
    void record(Entry entry);

    /** Whose erasure: the aggregate that holds the subject's events. */
    enum SubjectType {
        MEMBER,
        CONTACT_CASE
    }

    /**
     * One erasure: the subject (whose id is also the id of its data key in the vault), the ground
     * it was erased on and when.
     */
    record Entry(SubjectType subjectType, UUID subject, ErasureGround ground, Instant erasedAt) {

        public Entry {
            Objects.requireNonNull(subjectType, "subjectType");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(ground, "ground");
            Objects.requireNonNull(erasedAt, "erasedAt");
        }

        public static Entry member(UUID memberId, ErasureGround ground, Instant erasedAt) {
            return new Entry(SubjectType.MEMBER, memberId, ground, erasedAt);
        }

        public static Entry contactCase(UUID caseId, ErasureGround ground, Instant erasedAt) {
            return new Entry(SubjectType.CONTACT_CASE, caseId, ground, erasedAt);
        }
    }
}
