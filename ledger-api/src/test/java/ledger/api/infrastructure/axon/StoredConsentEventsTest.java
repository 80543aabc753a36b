package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberId;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/** Stored events are immutable: consent events written before notices, channels and acting users still read. */
class StoredConsentEventsTest {

    private final Serializer serializer = Serializers.plain();
    private final MemberId member = MemberId.random();
    private final UUID consent = UUID.randomUUID();

    private <T> T read(String json, Class<T> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                type.getName(), null));
    }

    @Test
    void a_consent_stored_before_notices_were_registered_by_hash_reads_without_hash_language_or_acting_user() {
        ConsentGiven given = read("""
                {"memberId":"%s","consentId":"%s","purpose":"newsletter","policyVersion":"2024-05","channel":"email",
                 "by":{"principal":"static:PORTAL#1","role":"PORTAL"},"at":"2025-03-04T05:06:07.123456Z"}
                """.formatted(member, consent), ConsentGiven.class);
        assertThat(given).isEqualTo(new ConsentGiven(member, consent, "newsletter", "2024-05", null, null, "email",
                new Actor("static:PORTAL#1", "PORTAL"), Instant.parse("2025-03-04T05:06:07.123456Z")));
    }

    @Test
    void a_withdrawal_stored_before_channels_were_recorded_reads_without_one() {
        ConsentWithdrawn withdrawn = read("""
                {"memberId":"%s","consentId":"%s","purpose":"newsletter","policyVersion":"2024-05",
                 "by":{"principal":"static:PORTAL#1","role":"PORTAL"},"at":"2025-03-04T05:06:07Z"}
                """.formatted(member, consent), ConsentWithdrawn.class);
        assertThat(withdrawn.channel()).isNull();
        assertThat(withdrawn.by().actingUser()).isNull();
        assertThat(withdrawn.consentId()).isEqualTo(consent);
    }

    @Test
    void new_fields_are_stored_and_an_absent_acting_user_leaves_the_actor_as_it_was_stored_before() {
        ConsentWithdrawn withdrawn = new ConsentWithdrawn(member, consent, "newsletter", "2019-01-05",
                WithdrawalChannel.LETTER, new Actor("static:DPM#1", "DPM"), Instant.parse("2026-01-01T00:00:00Z"));
        SerializedObject<byte[]> stored = serializer.serialize(withdrawn, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"channel\":\"letter\"", "\"by\":{\"principal\":\"static:DPM#1\",\"role\":\"DPM\"}")
                .doesNotContain("actingUser");
        assertThat((ConsentWithdrawn) serializer.deserialize(stored)).isEqualTo(withdrawn);

        Actor acting = new Actor("static:PORTAL#1", "PORTAL", "member:" + member);
        ConsentGiven given = new ConsentGiven(member, consent, "newsletter", "2019-01-05", "ab".repeat(32), "en",
                "portal", acting, Instant.parse("2026-01-01T00:00:00Z"));
        SerializedObject<byte[]> storedGiven = serializer.serialize(given, byte[].class);
        assertThat(new String(storedGiven.getData(), StandardCharsets.UTF_8))
                .contains("\"actingUser\":\"member:" + member + "\"", "\"noticeSha256\":\"" + "ab".repeat(32) + "\"");
        assertThat((ConsentGiven) serializer.deserialize(storedGiven)).isEqualTo(given);
    }
}
