package ledger.core.member;

import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;

/** A snapshot of a member's state is encrypted like its events and shredded with the same key. */
class MemberSnapshotEncryptionTest {

    private final InMemoryKeyVault keys = new InMemoryKeyVault();
    private final CryptoShreddingSerializer serializer = new CryptoShreddingSerializer(JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build(), keys);

    private Member member() {
        Member member = new Member();
        member.on(registered());
        member.on(membershipConsent());
        return member;
    }

    private static Object field(Member member, String name) throws ReflectiveOperationException {
        Field field = Member.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(member);
    }

    @Test
    void a_snapshot_holds_the_personal_state_only_as_ciphertext_and_restores_it() throws Exception {
        SerializedObject<byte[]> snapshot = serializer.serialize(member(), byte[].class);
        String stored = new String(snapshot.getData(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("Lovelace").doesNotContain("ada@example.org").doesNotContain("\"ada\"");
        assertThat(stored).contains("\"memberId\":\"" + ID + "\"", "portal-membership", "enc:v1:");

        Member restored = serializer.deserialize(snapshot);
        assertThat(field(restored, "familyName")).isEqualTo("Lovelace");
        assertThat(field(restored, "email")).isEqualTo("ada@example.org");
        assertThat(field(restored, "status")).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void a_snapshot_of_an_erased_subject_reads_as_the_placeholder() throws Exception {
        SerializedObject<byte[]> snapshot = serializer.serialize(member(), byte[].class);
        keys.shred(ID.value());
        Member restored = serializer.deserialize(snapshot);
        assertThat(field(restored, "username")).isEqualTo("[erased]");
        assertThat(field(restored, "givenName")).isEqualTo("[erased]");
    }

    @Test
    void a_snapshot_of_an_erased_member_keeps_only_the_receipt() throws Exception {
        Member member = member();
        member.on(new MemberErased(ID, ErasureGround.MEMBER_REQUEST, MemberFixtures.DPM, MemberFixtures.T0));
        String stored = new String(serializer.serialize(member, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("portal-membership").doesNotContain(MemberFixtures.MEMBERSHIP_CONSENT.toString())
                .doesNotContain("enc:v1:").contains("MEMBER_REQUEST");
    }
}
