package ledger.core.notice;

import java.time.Instant;

import ledger.core.shared.Actor;

/** A registered version got its text in another language; consents in that language record {@code sha256}. */
public record NoticeTranslated(
        NoticeVersion version,
        String language,
        String text,
        String sha256,
        Actor by,
        Instant at) implements NoticeEvent {
}
