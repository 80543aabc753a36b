package ledger.core.member;

/** Asks for the current view of one member. */
public record FindMember(MemberId memberId) {
}
