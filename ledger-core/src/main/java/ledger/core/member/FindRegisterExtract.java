package ledger.core.member;

/** Asks for the read-model data of a member's register extract. */
public record FindRegisterExtract(MemberId memberId) {
}
