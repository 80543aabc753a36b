package ledger.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ledger.core.shared.Actor;

/**
 * A privacy-notice version registered: the text and its SHA-256 (lowercase hex of the text's UTF-8
 * bytes), so that the log covers what every consent under this version was given to.
 */
public record NoticeRegistered(
        NoticeVersion version,
        String language,
        String url,
        String text,
        String sha256,
        Instant effectiveFrom,
        Map<String, NoticePurpose> purposes,
        String retention,
        List<NoticeRecipient> recipients,
        Actor by,
        Instant at) implements NoticeEvent {
}
