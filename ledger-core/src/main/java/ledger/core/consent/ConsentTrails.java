package ledger.core.consent;

import ledger.core.member.MemberId;

/** Reads a member's consent trail from the event store; an unknown member is refused ({@code unknown-member}). */
public interface ConsentTrails {

    ConsentTrail of(MemberId member);
}
