package ledger.core.notice;

import java.time.Instant;

/**
 * The text of a registered notice version in another language, with the lowercase hex SHA-256 of its
 * UTF-8 bytes: what a consent in that language records. Registered once; never changes.
 */
public record NoticeTranslation(NoticeVersion version, String language, String text, String sha256,
                                Instant registeredAt) {
}
