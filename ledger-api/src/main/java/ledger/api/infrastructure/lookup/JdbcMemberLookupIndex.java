package ledger.api.infrastructure.lookup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.api.application.lookup.MemberLookupIndex;
import ledger.api.infrastructure.keyvault.MasterKeys;
import ledger.core.erasure.DeadRowTables;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberRegistered;
import ledger.core.member.ProfileEdited;
import ledger.core.member.Usernames;

/** The MemberLookupIndex port as infrastructure implements it. */
@Component
@ProcessingGroup(JdbcMemberLookupIndex.NAME)
public class JdbcMemberLookupIndex implements DeadRowTables, MemberLookupIndex {

    public static final String NAME = "member-lookup";
    static final String PURPOSE = "member-lookup-blind-index";

    private final JdbcTemplate jdbc;
    private final List<byte[]> keys;

    JdbcMemberLookupIndex(JdbcTemplate jdbc, MasterKeys masterKeys) {
        this.jdbc = jdbc;
        this.keys = masterKeys.derivedKeys(PURPOSE);
    }

    @EventHandler
    void on(MemberRegistered event) {
        add(event.memberId().value(), event.username(), event.email());
    }

    @EventHandler
    void on(ProfileEdited event) {
        add(event.memberId().value(), null, event.email());
    }

    @EventHandler
    void on(MemberErased event) {
        jdbc.update("DELETE FROM member_lookup WHERE member_id = ?", event.memberId().value());
    }

    /** The members whose value of that kind is {@code value} (normalised as stored); none after their erasure. */
    @Override
    public List<UUID> find(Kind kind, String value) {
        String normalised = normalise(kind, value);
        if (normalised.isEmpty()) {
            return List.of();
        }
        byte[][] digests = keys.stream().map(key -> MasterKeys.hmac(key, input(kind, normalised)))
                .toArray(byte[][]::new);
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT DISTINCT l.member_id FROM member_lookup l"
                    + " JOIN data_key k ON k.subject_id = l.member_id AND k.shredded_at IS NULL"
                    + " WHERE l.digest = ANY (?) ORDER BY l.member_id");
            statement.setArray(1, connection.createArrayOf("bytea", digests));
            return statement;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    /** The member's digests of the values given (null: none), in one statement (a registration's two). */
    private void add(UUID member, String username, String email) {
        List<byte[]> digests = new ArrayList<>();
        digest(Kind.USERNAME, username).ifPresent(digests::add);
        digest(Kind.EMAIL, email).ifPresent(digests::add);
        if (digests.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO member_lookup (digest, member_id)"
                    + " SELECT digest, ? FROM unnest(?) AS digests(digest) ON CONFLICT DO NOTHING");
            statement.setObject(1, member);
            statement.setArray(2, connection.createArrayOf("bytea", digests.toArray(byte[][]::new)));
            return statement;
        });
    }

    private Optional<byte[]> digest(Kind kind, String value) {
        String normalised = normalise(kind, value);
        return normalised.isEmpty() ? Optional.empty() : Optional.of(MasterKeys.hmac(keys.get(0), input(kind, normalised)));
    }

    /**
     * An address: NFKC, stripped, lower case (the domain is case-insensitive, and so is every mailbox a DPM
     * meets in practice). A username: the registry's look-alike key, so a lookup finds the name uniqueness
     * sees.
     */
    static String normalise(Kind kind, String value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case EMAIL -> Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            case USERNAME -> Usernames.valid(value) ? Usernames.key(value) : "";
        };
    }

    private static byte[] input(Kind kind, String normalised) {
        return (kind.name().toLowerCase(Locale.ROOT) + "|" + normalised).getBytes(StandardCharsets.UTF_8);
    }

    /** A deleted row leaves its digest in a dead row version until VACUUM. */
    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("member_lookup");
    }
}
