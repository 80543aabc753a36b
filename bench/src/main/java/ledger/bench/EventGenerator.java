package ledger.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.PGConnection;

import ledger.api.infrastructure.axon.Serializers;
import ledger.api.infrastructure.keyvault.MasterKeys;
import ledger.core.crypto.AesGcm;
import ledger.core.crypto.FieldCipher;
import ledger.core.crypto.KeyVault;
import ledger.core.member.ConsentGiven;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.shared.Actor;

/**
 * Writes member histories straight into the event store with COPY, serialized exactly as the
 * service serializes them (personal fields encrypted, or with the benchmark's null cipher), with
 * their wrapped data keys: a million events in a minute instead of hours of HTTP.
 */
final class EventGenerator {

    private static final Actor PORTAL = new Actor("bench", "PORTAL");
    /** SHA-256 of the policy text of 2019-01-05, the notice every generated membership consent rests on. */
    private static final String POLICY_SHA256 = "5cdadcd165fa4c3c6ed03cb8eb900dfe215eb60be88eb9a973b109842fc386c4";
    private static final HexFormat HEX = HexFormat.of();

    private final String jdbcUrl;
    private final MasterKeys masterKeys;
    private final Map<UUID, byte[]> keys = new HashMap<>();
    private final Serializer events;
    private final byte[] emptyMetaData;

    EventGenerator(String jdbcUrl, MasterKeys masterKeys, boolean nullCipher) {
        this.jdbcUrl = jdbcUrl;
        this.masterKeys = masterKeys;
        JacksonSerializer jackson = Serializers.plain();
        this.events = Serializers.encrypting(new KeyVault() {
            @Override
            public byte[] keyForWriting(UUID subject) {
                return keys.computeIfAbsent(subject, s -> AesGcm.newKey());
            }

            @Override
            public Optional<byte[]> keyForReading(UUID subject) {
                return Optional.ofNullable(keys.get(subject));
            }

            @Override
            public boolean shred(UUID subject) {
                throw new UnsupportedOperationException();
            }
        }, nullCipher ? new NullCipher(FieldCipher.aesGcm()) : FieldCipher.aesGcm());
        this.emptyMetaData = jackson.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    /** Writes {@code members} members with {@code eventsEach} events each; answers the rows written per second. */
    double write(List<MemberId> members, int eventsEach) throws SQLException, IOException {
        StringBuilder eventRows = new StringBuilder(1 << 20);
        StringBuilder keyRows = new StringBuilder();
        long copyNanos = 0;
        long rows = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            Instant at = Instant.now().minusSeconds(3600);
            for (MemberId member : members) {
                String name = "m" + member.value().toString().replace("-", "").substring(0, 16);
                append(eventRows, member, 0, new MemberRegistered(member, name, "Given", "Family", "Company",
                        name + "@example.org", PORTAL, at));
                if (eventsEach > 1) {
                    append(eventRows, member, 1, new ConsentGiven(member, UUID.randomUUID(), "portal-membership",
                            "2019-01-05", POLICY_SHA256, "en", "portal", PORTAL, at));
                }
                for (int seq = 2; seq < eventsEach; seq++) {
                    append(eventRows, member, seq, new DocumentDownloaded(member, "document-" + seq, "Title " + seq,
                            PORTAL, at));
                }
                keyRows.append(member).append(",\\x").append(HEX.formatHex(masterKeys.wrap(member.value(),
                        keys.get(member.value())))).append(',').append(masterKeys.currentId()).append('\n');
                rows += eventsEach;
                if (eventRows.length() > (16 << 20)) {
                    copyNanos += copy(pg, eventRows);
                }
            }
            copyNanos += copy(pg, eventRows);
            pg.getCopyAPI().copyIn("COPY data_key (subject_id, wrapped_key, kek_id) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(keyRows.toString()));
        }
        return rows / (copyNanos / 1e9);
    }

    private void append(StringBuilder rows, MemberId member, long seq, Object payload) {
        byte[] data = events.serialize(payload, byte[].class).getData();
        rows.append(UUID.randomUUID()).append(",\\x").append(HEX.formatHex(emptyMetaData)).append(",\\x")
                .append(HEX.formatHex(data)).append(",,").append(payload.getClass().getName()).append(',')
                .append(Instant.now()).append(',').append(member).append(',').append(seq).append(",Member\n");
    }

    private static long copy(PGConnection pg, StringBuilder rows) throws SQLException, IOException {
        long start = System.nanoTime();
        pg.getCopyAPI().copyIn("COPY domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number, type) FROM STDIN WITH (FORMAT csv)",
                new StringReader(rows.toString()));
        rows.setLength(0);
        return System.nanoTime() - start;
    }
}
