package ledger.core.notice;

import java.time.Instant;

import ledger.core.shared.Actor;

/** Everything that happens to a privacy notice; every fact names who caused it and when. */
public sealed interface NoticeEvent permits NoticeRegistered, NoticeTranslated {

    NoticeVersion version();

    Actor by();

    Instant at();
}
