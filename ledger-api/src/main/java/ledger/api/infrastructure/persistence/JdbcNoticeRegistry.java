package ledger.api.infrastructure.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.infrastructure.axon.Serializers;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeTranslation;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;

/**
 * The notice registry in PostgreSQL (V41). JdbcTemplate joins the registering command's
 * transaction, so a notice commits with its event; {@code ON CONFLICT DO NOTHING} waits for a
 * concurrent registration of the version on another node. A registered row never changes, so
 * {@link #all} keeps the rows it read outside any transaction (committed) and afterwards reads only
 * the list of versions: the member view asks for every notice on each read.
 */
@Component
class JdbcNoticeRegistry implements NoticeRegistry {

    private static final String COLUMNS = "version, language, url, text, sha256, effective_from, purposes, retention,"
            + " recipients, registered_at";
    private static final TypeReference<Map<String, NoticePurpose>> PURPOSES = new TypeReference<>() {
    };
    private static final TypeReference<List<NoticeRecipient>> RECIPIENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = Serializers.storageObjectMapper();
    private final Map<String, PrivacyNotice> committed = new ConcurrentHashMap<>();

    JdbcNoticeRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PrivacyNotice> find(NoticeVersion version) {
        PrivacyNotice known = committed.get(version.value());
        if (known != null) {
            return Optional.of(known);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM notice WHERE version = ?", this::row, version.value())
                .stream().findFirst();
    }

    @Override
    public List<PrivacyNotice> all() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // rows read inside a transaction may not be committed: read them all, keep none
            return jdbc.query("SELECT " + COLUMNS + " FROM notice", this::row).stream()
                    .sorted(PrivacyNotice.CHRONOLOGICAL).toList();
        }
        List<String> versions = jdbc.queryForList("SELECT version FROM notice", String.class);
        for (String version : versions) {
            if (!committed.containsKey(version)) {
                jdbc.query("SELECT " + COLUMNS + " FROM notice WHERE version = ?", this::row, version)
                        .forEach(n -> committed.putIfAbsent(n.version().value(), n));
            }
        }
        return versions.stream().map(committed::get).sorted(PrivacyNotice.CHRONOLOGICAL).toList();
    }

    @Override
    public boolean insert(PrivacyNotice notice) {
        return jdbc.update("INSERT INTO notice (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (version) DO NOTHING",
                notice.version().value(), notice.language(), notice.url(), notice.text(), notice.sha256(),
                Timestamp.from(notice.effectiveFrom()), write(notice.purposes()), notice.retention(),
                write(notice.recipients()), Timestamp.from(notice.registeredAt())) == 1;
    }

    private PrivacyNotice row(ResultSet rs, int i) throws SQLException {
        try {
            return new PrivacyNotice(NoticeVersion.of(rs.getString("version")), rs.getString("language"),
                    rs.getString("url"), rs.getString("text"), rs.getString("sha256"),
                    rs.getTimestamp("effective_from").toInstant(), json.readValue(rs.getString("purposes"), PURPOSES),
                    rs.getString("retention"), json.readValue(rs.getString("recipients"), RECIPIENTS),
                    rs.getTimestamp("registered_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored notice's purposes or recipients are not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean insertTranslation(NoticeTranslation translation) {
        return jdbc.update("INSERT INTO notice_translation (version, language, text, sha256, registered_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (version, language) DO NOTHING",
                translation.version().value(), translation.language(), translation.text(), translation.sha256(),
                Timestamp.from(translation.registeredAt())) == 1;
    }

    @Override
    public Optional<NoticeTranslation> translation(NoticeVersion version, String language) {
        return jdbc.query("SELECT version, language, text, sha256, registered_at FROM notice_translation"
                + " WHERE version = ? AND language = ?", JdbcNoticeRegistry::translationRow, version.value(), language)
                .stream().findFirst();
    }

    @Override
    public List<NoticeTranslation> translations(NoticeVersion version) {
        return jdbc.query("SELECT version, language, text, sha256, registered_at FROM notice_translation"
                + " WHERE version = ? ORDER BY language", JdbcNoticeRegistry::translationRow, version.value());
    }

    private static NoticeTranslation translationRow(ResultSet rs, int i) throws SQLException {
        return new NoticeTranslation(NoticeVersion.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant());
    }
}
