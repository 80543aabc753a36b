package ledger.core.member;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ledger.core.shared.Refusal;

/** The rules a member command can break. Messages never carry personal data. */
public final class MemberRefusals {

    private MemberRefusals() {
    }

    public static final class MembershipConsentRequired extends Refusal {
        public MembershipConsentRequired() {
            super(Kind.RULE, "membership-consent-required",
                    "registration requires consent to the purpose portal-membership");
        }
    }

    public static final class UsernameTaken extends Refusal {
        public UsernameTaken() {
            super(Kind.CONFLICT, "username-taken", "the username is already taken");
        }
    }

    public static final class MemberAlreadyExists extends Refusal {
        public MemberAlreadyExists() {
            super(Kind.CONFLICT, "member-exists", "a member with this id already exists");
        }
    }

    /** The id belongs to a record of another kind (e.g. a contact case). */
    public static final class IdTaken extends Refusal {
        public IdTaken() {
            super(Kind.CONFLICT, "id-taken", "this id is already used by another record");
        }

        @Override
        protected String field() {
            return "memberId";
        }
    }

    public static final class UsernameCannotChange extends Refusal {
        public UsernameCannotChange() {
            super(Kind.RULE, "username-immutable", "the username can never change");
        }
    }

    /** A required profile field cannot be removed, only changed. */
    public static final class RequiredFieldCannotBeRemoved extends Refusal {
        private final String field;

        public RequiredFieldCannotBeRemoved(String field) {
            super(Kind.INVALID, "field-required", field + " is required and cannot be removed");
            this.field = field;
        }

        @Override
        protected String field() {
            return field;
        }
    }

    public static final class MemberIsErased extends Refusal {
        public MemberIsErased() {
            super(Kind.CONFLICT, "member-erased", "the member has been erased");
        }
    }

    public static final class MembershipHasEnded extends Refusal {
        public MembershipHasEnded() {
            super(Kind.CONFLICT, "membership-ended", "the membership has ended");
        }
    }

    /**
     * A manual erasure while legal holds stand: recorded ({@link ErasureDeferred}) and run when the last
     * hold is released. Names the holds (ids are no personal data), so the DPM knows what to release.
     */
    public static final class ErasureDeferredByLegalHold extends Refusal {
        private final List<UUID> holds;

        public ErasureDeferredByLegalHold(List<UUID> holds) {
            super(Kind.CONFLICT, "legal-hold", "erasure is deferred by legal hold(s) " + holds
                    + ": it is recorded and runs when the last hold is released");
            this.holds = List.copyOf(holds);
        }

        public List<UUID> holds() {
            return holds;
        }

        @Override
        protected Map<String, Object> properties() {
            return Map.of("holds", holds, "erasureDeferred", true);
        }
    }

    /** Art. 18: while restricted (or held) the data is kept, and only rectification, withdrawal, erasure and lifting pass. */
    public static final class ProcessingIsRestricted extends Refusal {
        public ProcessingIsRestricted() {
            super(Kind.CONFLICT, "processing-restricted", "processing of this member's data is restricted:"
                    + " only rectification, withdrawal, erasure and lifting are accepted");
        }
    }

    public static final class NotRestricted extends Refusal {
        public NotRestricted() {
            super(Kind.NOT_FOUND, "not-restricted", "processing of this member's data is not restricted");
        }
    }

    public static final class ReviewDateNotAhead extends Refusal {
        public ReviewDateNotAhead() {
            super(Kind.RULE, "review-date-passed", "a legal hold's review date must lie in the future");
        }

        @Override
        protected String field() {
            return "reviewBy";
        }
    }

    public static final class UnknownLegalHold extends Refusal {
        public UnknownLegalHold() {
            super(Kind.NOT_FOUND, "unknown-legal-hold", "no such legal hold on this member");
        }
    }

    public static final class UnknownMember extends Refusal {
        public UnknownMember() {
            super(Kind.NOT_FOUND, "unknown-member", "no such member");
        }
    }
}
