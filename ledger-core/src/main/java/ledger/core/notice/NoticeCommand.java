package ledger.core.notice;

import ledger.core.shared.Actor;

/** Commands addressed to one privacy notice. */
public sealed interface NoticeCommand permits RegisterNotice, TranslateNotice {

    NoticeVersion version();

    Actor requestedBy();
}
