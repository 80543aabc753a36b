package ledger.core.request;

import ledger.core.shared.Refusal;

/** The rules of data-subject requests (Art. 12(3)). */
public final class RequestRefusals {

    private RequestRefusals() {
    }

    public static final class ReceivedInTheFuture extends Refusal {
        public ReceivedInTheFuture() {
            super(Kind.RULE, "received-in-the-future", "a request cannot be received in the future");
        }
    }

    /** Before 1970: no request of this ledger can be that old, and such instants break storage and projections. */
    public static final class ReceivedBeforeRecords extends Refusal {
        public ReceivedBeforeRecords() {
            super(Kind.INVALID, "received-at-out-of-range", "receivedAt must be after 1970-01-01T00:00:00Z");
        }

        @Override
        protected String field() {
            return "receivedAt";
        }
    }

    public static final class AlreadyExtended extends Refusal {
        public AlreadyExtended() {
            super(Kind.RULE, "already-extended", "a request can be extended only once");
        }
    }

    public static final class ExtensionTooLate extends Refusal {
        public ExtensionTooLate() {
            super(Kind.RULE, "extension-too-late",
                    "an extension must be decided and told within the first month");
        }
    }

    public static final class ExtensionTooLong extends Refusal {
        public ExtensionTooLong() {
            super(Kind.RULE, "extension-too-long", "a request can be extended by one or two months");
        }
    }

    public static final class RequestCompletedAlready extends Refusal {
        public RequestCompletedAlready() {
            super(Kind.CONFLICT, "request-completed", "the request is completed");
        }
    }

    public static final class WrongResult extends Refusal {
        public WrongResult() {
            super(Kind.RULE, "wrong-result",
                    "the linked member event does not exist or does not answer this kind of request");
        }
    }

    public static final class MemberMismatch extends Refusal {
        public MemberMismatch() {
            super(Kind.INVALID, "member-mismatch", "the request belongs to another member");
        }
    }

    public static final class RequestRefusedAlready extends Refusal {
        public RequestRefusedAlready() {
            super(Kind.CONFLICT, "request-refused", "the request was refused");
        }
    }

    public static final class IdentityNotVerified extends Refusal {
        public IdentityNotVerified() {
            super(Kind.RULE, "identity-not-verified",
                    "the requester's identity must be verified (POST /requests/{id}/verification) before completion");
        }
    }

    public static final class AnswerBeforeReceipt extends Refusal {
        public AnswerBeforeReceipt() {
            super(Kind.RULE, "answer-before-receipt",
                    "the linked member event was recorded before the request was received");
        }
    }

    /** One member event completes one request. */
    public static final class AnswerUsed extends Refusal {
        public AnswerUsed() {
            super(Kind.CONFLICT, "answer-used", "the linked member event already completed another request");
        }
    }

    /** Issuing a code for a request whose requester is verified already would verify nothing. */
    public static final class AlreadyVerified extends Refusal {
        public AlreadyVerified() {
            super(Kind.CONFLICT, "already-verified", "the requester's identity is verified already");
        }
    }

    public static final class NoChallenge extends Refusal {
        public NoChallenge() {
            super(Kind.CONFLICT, "no-verification-challenge", "no verification code was issued for this request");
        }
    }

    public static final class ChallengeLocked extends Refusal {
        public ChallengeLocked() {
            super(Kind.CONFLICT, "challenge-locked", "too many wrong codes: the DPM issues a new one");
        }
    }

    public static final class ChallengeExpired extends Refusal {
        public ChallengeExpired() {
            super(Kind.CONFLICT, "challenge-expired", "the code has expired: the DPM issues a new one");
        }
    }

    /** A code is shown to a signed-in member: a request without a member cannot be verified so. */
    public static final class NoMemberToChallenge extends Refusal {
        public NoMemberToChallenge() {
            super(Kind.CONFLICT, "no-member", "the request names no member who could sign in");
        }
    }

    public static final class AlreadyLinked extends Refusal {
        public AlreadyLinked() {
            super(Kind.CONFLICT, "already-linked", "the request is a member's already");
        }
    }

    /** "No data held" is no answer for a request of a member: the ledger holds their data. */
    public static final class MemberDataHeld extends Refusal {
        public MemberDataHeld() {
            super(Kind.CONFLICT, "member-data-held", "the request is a member's: their data is held, answer it");
        }
    }
}
