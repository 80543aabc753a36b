package ledger.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ledger.core.notice.NoticeRefusals.UnknownNotice;

/**
 * The registered notices, written in the registering command's transaction (like the username
 * claims): a version registered on one node is known to every node as soon as it commits, and a
 * version can be registered only once across the fleet.
 */
public interface NoticeRegistry {

    Optional<PrivacyNotice> find(NoticeVersion version);

    /** Every registered notice, older first ({@link PrivacyNotice#CHRONOLOGICAL}). */
    List<PrivacyNotice> all();

    /**
     * Stores the notice unless its version is registered already (then nothing changes and the answer
     * is {@code false}); a concurrent registration of the version waits for the other to end.
     */
    boolean insert(PrivacyNotice notice);

    /** Stores a translation unless one of its version and language exists (then {@code false}). */
    boolean insertTranslation(NoticeTranslation translation);

    Optional<NoticeTranslation> translation(NoticeVersion version, String language);

    /** Every translation of a version, by language. */
    List<NoticeTranslation> translations(NoticeVersion version);

    /** The notice a consent names, in its own language; see {@link #consentNotice(String, String)}. */
    default ConsentNotice consentNotice(String version) {
        return consentNotice(version, null);
    }

    /**
     * The notice a consent names, in {@code language} (null: the notice's own), knowing from when a later
     * version supersedes it; an unknown (or malformed) version is refused as {@code unknown-notice}, a
     * language it has no text in as {@code unknown-notice-language}.
     */
    default ConsentNotice consentNotice(String version, String language) {
        if (!NoticeVersion.isValid(version)) {
            throw new UnknownNotice();
        }
        PrivacyNotice notice = find(NoticeVersion.of(version)).orElseThrow(UnknownNotice::new);
        Instant supersededFrom = all().stream().map(PrivacyNotice::effectiveFrom)
                .filter(from -> from.isAfter(notice.effectiveFrom())).min(Instant::compareTo).orElse(null);
        if (language == null || language.equals(notice.language())) {
            return notice.consentNotice(notice.language(), notice.sha256(), supersededFrom);
        }
        NoticeTranslation translation = translation(notice.version(), language)
                .orElseThrow(NoticeRefusals.UnknownNoticeLanguage::new);
        return notice.consentNotice(translation.language(), translation.sha256(), supersededFrom);
    }
}
