package ledger.core.request;

import java.time.Instant;
import java.util.Optional;

import ledger.core.member.MemberId;

/** Reads which kind of event a member's event number is, and when it happened, to verify a completion. */
public interface MemberEventLookup {

    Optional<MemberEventRef> find(MemberId member, long sequence);

    /** A member event by its type's simple name and its time. */
    record MemberEventRef(String type, Instant at) {
    }
}
