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

    /** Names the holds (ids and grounds are no personal data), so the DPM knows what to release. */
    public static final class ErasureBlockedByLegalHold extends Refusal {
        private final List<UUID> holds;

        public ErasureBlockedByLegalHold(List<UUID> holds) {
            super(Kind.CONFLICT, "legal-hold", "erasure is blocked by legal hold(s) " + holds);
            this.holds = List.copyOf(holds);
        }

        public List<UUID> holds() {
            return holds;
        }

        @Override
        protected Map<String, Object> properties() {
            return Map.of("holds", holds);
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
