package ledger.core.member;

import java.util.UUID;

/** Asks for the erasure receipt of one subject (a member or a contact case), if it was erased. */
public record FindErasureOf(UUID subjectId) {
}
