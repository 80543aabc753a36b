package ledger.core.request;

import java.util.Optional;

import ledger.core.member.MemberId;

/** Reads which kind of event a member's event number is, to verify a request's completion. */
public interface MemberEventLookup {

    Optional<String> typeOf(MemberId member, long sequence);
}
