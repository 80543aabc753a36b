package ledger.core.member;

/** What an erasure command answers: the receipt, or that the erasure is recorded but deferred. */
public sealed interface ErasureOutcome permits ErasureReceipt, ErasureDeferral {
}
