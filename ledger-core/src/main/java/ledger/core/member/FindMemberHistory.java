package ledger.core.member;

/** Asks for a member's event trail, personal fields masked. */
public record FindMemberHistory(MemberId memberId) {
}
