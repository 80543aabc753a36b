package ledger.core.crypto;

import ledger.core.shared.Refusal;

/** The data subject was erased: nothing personal can be recorded for it again. */
public final class SubjectErased extends Refusal {

    public SubjectErased() {
        super(Kind.CONFLICT, "subject-erased", "the data subject has been erased");
    }
}
