package ledger.core.consent;

import ledger.core.member.MemberId;

/** Asks for every consent event of one member, in the member's event order. */
public record FindMemberConsents(MemberId memberId) {
}
