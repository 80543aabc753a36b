package ledger.core.notice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The notice registry's contract, in memory, for fixture tests. */
final class InMemoryNoticeRegistry implements NoticeRegistry {

    private final Map<NoticeVersion, PrivacyNotice> notices = new LinkedHashMap<>();
    private final Map<String, NoticeTranslation> translations = new LinkedHashMap<>();

    @Override
    public Optional<PrivacyNotice> find(NoticeVersion version) {
        return Optional.ofNullable(notices.get(version));
    }

    @Override
    public List<PrivacyNotice> all() {
        return notices.values().stream().sorted(PrivacyNotice.CHRONOLOGICAL).toList();
    }

    @Override
    public boolean insert(PrivacyNotice notice) {
        return notices.putIfAbsent(notice.version(), notice) == null;
    }

    @Override
    public boolean insertTranslation(NoticeTranslation translation) {
        return translations.putIfAbsent(translation.version().value() + "|" + translation.language(), translation) == null;
    }

    @Override
    public Optional<NoticeTranslation> translation(NoticeVersion version, String language) {
        return Optional.ofNullable(translations.get(version.value() + "|" + language));
    }

    @Override
    public List<NoticeTranslation> translations(NoticeVersion version) {
        return translations.values().stream().filter(t -> t.version().equals(version)).toList();
    }
}
