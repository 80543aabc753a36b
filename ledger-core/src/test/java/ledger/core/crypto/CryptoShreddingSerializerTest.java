package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.member.ConsentGiven;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.shared.Actor;

class CryptoShreddingSerializerTest {

    private static final Actor PORTAL = new Actor("portal", "PORTAL");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryKeyVault vault;
    private CryptoShreddingSerializer serializer;
    private final MemberId ada = MemberId.random();
    private final MemberId bob = MemberId.random();

    @BeforeEach
    void setUp() {
        vault = new InMemoryKeyVault();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        serializer = new CryptoShreddingSerializer(JacksonSerializer.builder().objectMapper(mapper).build(), vault);
    }

    private MemberRegistered registered(MemberId id, String marker) {
        return new MemberRegistered(id, "user" + marker, "Given" + marker, "Family" + marker, "Company" + marker,
                marker + "@example.org", PORTAL, AT);
    }

    @Test
    void personal_fields_are_stored_only_as_ciphertext() {
        String stored = new String(serializer.serialize(registered(ada, "MARK7"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("MARK7");
        assertThat(stored).contains("\"memberId\":\"" + ada + "\"", "\"principal\":\"portal\"");
        assertThat(stored).containsPattern("\"username\":\"enc:v1:[A-Za-z0-9_-]+\"");
    }

    @Test
    void the_same_value_encrypts_differently_each_time() {
        String first = new String(serializer.serialize(registered(ada, "X"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        String second = new String(serializer.serialize(registered(ada, "X"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void what_was_encrypted_reads_back_unchanged() {
        MemberRegistered event = registered(ada, "RT");
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        MemberRegistered read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void after_shredding_every_personal_field_reads_as_the_placeholder_and_the_rest_stays() {
        SerializedObject<byte[]> stored = serializer.serialize(registered(ada, "GONE"), byte[].class);
        SerializedObject<byte[]> download = serializer.serialize(
                new DocumentDownloaded(ada, "doc-1", null, PORTAL, AT), byte[].class);
        vault.shred(ada.value());

        MemberRegistered read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(new MemberRegistered(ada, "[erased]", "[erased]", "[erased]", "[erased]",
                "[erased]", PORTAL, AT));
        DocumentDownloaded readDownload = serializer.deserialize(download);
        assertThat(readDownload.documentId()).isEqualTo("[erased]");
        assertThat(readDownload.title()).isNull();
    }

    @Test
    void shredding_one_member_leaves_the_others_readable() {
        SerializedObject<byte[]> adas = serializer.serialize(registered(ada, "A"), byte[].class);
        SerializedObject<byte[]> bobs = serializer.serialize(registered(bob, "B"), byte[].class);
        vault.shred(ada.value());
        assertThat(((MemberRegistered) serializer.deserialize(adas)).username()).isEqualTo("[erased]");
        assertThat(((MemberRegistered) serializer.deserialize(bobs)).username()).isEqualTo("userB");
    }

    @Test
    void a_ciphertext_moved_to_another_member_fails_instead_of_decrypting() {
        serializer.serialize(registered(bob, "B"), byte[].class);
        String adas = new String(serializer.serialize(registered(ada, "A"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        String moved = adas.replace(ada.toString(), bob.toString());
        assertThatThrownBy(() -> serializer.deserialize(bytes(moved)))
                .isInstanceOf(AesGcm.TamperedCiphertext.class);
    }

    @Test
    void a_ciphertext_moved_to_another_field_fails_instead_of_decrypting() {
        String stored = new String(serializer.serialize(registered(ada, "A"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        String username = stored.replaceAll(".*\"username\":\"(enc:v1:[^\"]+)\".*", "$1");
        String email = stored.replaceAll(".*\"email\":\"(enc:v1:[^\"]+)\".*", "$1");
        String swapped = stored.replace(email, "SWAP").replace(username, email).replace("SWAP", username);
        assertThatThrownBy(() -> serializer.deserialize(bytes(swapped)))
                .isInstanceOf(AesGcm.TamperedCiphertext.class);
    }

    @Test
    void an_unreachable_vault_fails_closed_and_never_answers_the_placeholder() {
        SerializedObject<byte[]> stored = serializer.serialize(registered(ada, "A"), byte[].class);
        vault.unreachable(true);
        assertThatThrownBy(() -> serializer.deserialize(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_personal_field_stored_in_the_clear_is_refused() {
        String stored = new String(serializer.serialize(registered(ada, "A"), byte[].class).getData(),
                StandardCharsets.UTF_8).replaceAll("\"username\":\"enc:v1:[^\"]+\"", "\"username\":\"plain\"");
        assertThatThrownBy(() -> serializer.deserialize(bytes(stored))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_erased_subject_can_never_get_a_new_key() {
        serializer.serialize(registered(ada, "A"), byte[].class);
        vault.shred(ada.value());
        assertThatThrownBy(() -> serializer.serialize(registered(ada, "AGAIN"), byte[].class))
                .isInstanceOf(SubjectErased.class);
    }

    @Test
    void a_message_without_personal_data_passes_through_unchanged_and_needs_no_key() {
        ConsentGiven consent = new ConsentGiven(ada, UUID.randomUUID(), "newsletter", "v1", "0".repeat(64), "en", "portal", PORTAL, AT);
        SerializedObject<byte[]> stored = serializer.serialize(consent, byte[].class);
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"purpose\":\"newsletter\"");
        assertThat(vault.hasKey(ada.value())).isFalse();
        assertThat((ConsentGiven) serializer.deserialize(stored)).isEqualTo(consent);
    }

    @Test
    void a_message_with_personal_data_that_names_no_subject_is_refused_both_ways() {
        assertThatThrownBy(() -> serializer.serialize(registered(null, "A"), byte[].class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must name its subject");
        String stored = new String(serializer.serialize(registered(ada, "A"), byte[].class).getData(),
                StandardCharsets.UTF_8);
        String withoutSubject = stored.replace("\"memberId\":\"" + ada + "\",", "");
        assertThat(withoutSubject).doesNotContain("memberId");
        assertThatThrownBy(() -> serializer.deserialize(bytes(withoutSubject)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must name its subject");
    }

    @Test
    void a_null_payload_such_as_a_deadline_without_one_passes_through() {
        SerializedObject<byte[]> stored = serializer.serialize(null, byte[].class);
        assertThat((Object) serializer.deserialize(stored)).isNull();
    }

    @Test
    void types_and_representations_are_those_of_the_wrapped_jackson_serializer() {
        JacksonSerializer jackson = JacksonSerializer.defaultSerializer();
        CryptoShreddingSerializer wrapping = new CryptoShreddingSerializer(jackson, vault);
        assertThat(wrapping.canSerializeTo(byte[].class)).isTrue();
        assertThat(wrapping.canSerializeTo(UUID.class)).isFalse();
        assertThat(wrapping.getConverter()).isSameAs(jackson.getConverter());
        assertThat(wrapping.classForType(wrapping.typeForClass(MemberRegistered.class)))
                .isEqualTo(MemberRegistered.class);
    }

    private SerializedObject<byte[]> bytes(String json) {
        return new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                serializer.typeForClass(MemberRegistered.class));
    }
}
