package ledger.core.notice;

import ledger.core.shared.Refusal;

/** The rules of the notice registry and of consents under a notice. Messages never echo input. */
public final class NoticeRefusals {

    private NoticeRefusals() {
    }

    /** No registered notice of that version, or one that is not in effect yet: nothing to consent to. */
    public static final class UnknownNotice extends Refusal {
        public UnknownNotice() {
            super(Kind.INVALID, "unknown-notice", "the policy version is not a registered notice in effect");
        }

        @Override
        protected String field() {
            return "policyVersion";
        }
    }

    /** A later version is in effect: a new consent must rest on the notice people are shown now. */
    public static final class NoticeSuperseded extends Refusal {
        public NoticeSuperseded() {
            super(Kind.INVALID, "notice-superseded", "a later version of the notice is in effect: consents name"
                    + " the version in effect");
        }

        @Override
        protected String field() {
            return "policyVersion";
        }
    }

    /** The notice has no text in that language. */
    public static final class UnknownNoticeLanguage extends Refusal {
        public UnknownNoticeLanguage() {
            super(Kind.INVALID, "unknown-notice-language", "the notice of this version has no text in that language");
        }

        @Override
        protected String field() {
            return "language";
        }
    }

    /** A translation of a version never changes; the notice's own language has its text already. */
    public static final class TranslationConflict extends Refusal {
        public TranslationConflict(String why) {
            super(Kind.CONFLICT, "translation-conflict", why);
        }
    }

    /** A consent to a purpose the notice does not describe would not be informed. */
    public static final class PurposeNotInNotice extends Refusal {
        public PurposeNotInNotice() {
            super(Kind.INVALID, "purpose-not-in-notice", "the notice of this policy version does not describe the purpose");
        }

        @Override
        protected String field() {
            return "purpose";
        }
    }

    /** A registered version never changes: registering it again with other content is refused. */
    public static final class NoticeConflict extends Refusal {
        public NoticeConflict() {
            super(Kind.CONFLICT, "notice-conflict",
                    "this notice version is registered with another text or other terms; register a new version");
        }

        @Override
        protected String field() {
            return "version";
        }
    }

    /** A recipient named for a purpose the notice does not describe. */
    public static final class RecipientPurposeNotInNotice extends Refusal {
        public RecipientPurposeNotInNotice() {
            super(Kind.INVALID, "invalid-recipient", "a recipient names a purpose the notice does not describe");
        }

        @Override
        protected String field() {
            return "recipients";
        }
    }

    /** Asked for a version nobody registered. */
    public static final class NoSuchNotice extends Refusal {
        public NoSuchNotice() {
            super(Kind.NOT_FOUND, "unknown-notice", "no notice of this version is registered");
        }
    }
}
