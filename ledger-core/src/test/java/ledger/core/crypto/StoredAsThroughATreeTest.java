package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import ledger.core.member.Member;
import ledger.core.samples.SampleMessages;

/**
 * Records are sealed and opened without a JSON tree ({@link PersonalComponents}); what is stored and what is read
 * must be what the tree made of them before, for every message with personal data: the same JSON (names, order,
 * values) with each personal value sealed, and each stored form read back as the tree read it (set, erased,
 * absent), whichever of the two wrote it.
 */
class StoredAsThroughATreeTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String SEALED_HERE = "<sealed>";

    private InMemoryKeyVault vault;
    private CryptoShreddingSerializer serializer;
    private JacksonSerializer plain;

    @BeforeEach
    void setUp() {
        vault = new InMemoryKeyVault();
        plain = JacksonSerializer.builder().objectMapper(JSON).build();
        serializer = new CryptoShreddingSerializer(plain, vault);
    }

    /** Every record in the domain that carries personal data: events, commands. */
    private static List<Class<?>> messagesWithPersonalData() {
        List<Class<?>> found = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ledger.core")) {
            Class<?> reflected = type.reflect();
            if (reflected.isRecord() && PersonalDataFields.of(reflected).present()) {
                found.add(reflected);
            }
        }
        return found;
    }

    /** The stored form as the tree wrote it: the message's tree, each personal value sealed. */
    private byte[] writtenThroughATree(Object message) throws Exception {
        PersonalDataFields fields = PersonalDataFields.of(message.getClass());
        ObjectNode tree = JSON.valueToTree(message);
        UUID subject = UUID.fromString(tree.get(fields.subjectComponent()).asText());
        for (String field : fields.personalComponents()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                tree.put(field, FieldCipher.aesGcm().seal(vault.keyForWriting(subject),
                        value.asText().getBytes(StandardCharsets.UTF_8),
                        CryptoShreddingSerializer.associatedData(subject, message.getClass().getSimpleName(), field)));
            }
        }
        return JSON.writeValueAsBytes(tree);
    }

    /** A stored form read as the tree read it: each personal value opened, or erased when the key is gone. */
    private Object readThroughATree(Class<?> type, byte[] stored) throws Exception {
        PersonalDataFields fields = PersonalDataFields.of(type);
        ObjectNode tree = (ObjectNode) JSON.readTree(stored);
        UUID subject = UUID.fromString(tree.get(fields.subjectComponent()).asText());
        Optional<byte[]> key = vault.keyForReading(subject);
        for (String field : fields.personalComponents()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                tree.put(field, key.isEmpty() ? CryptoShreddingSerializer.ERASED : new String(FieldCipher.aesGcm()
                        .open(key.get(), value.asText(), CryptoShreddingSerializer.associatedData(subject,
                                type.getSimpleName(), field)), StandardCharsets.UTF_8));
            }
        }
        return JSON.treeToValue(tree, type);
    }

    /** The JSON with each sealed personal value replaced by one marker: sealing draws a fresh nonce each time. */
    private static String withSealedValuesMarked(Class<?> type, byte[] stored) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(stored);
        for (String field : PersonalDataFields.of(type).personalComponents()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                assertThat(value.asText()).as(type.getSimpleName() + "." + field).startsWith("enc:v1:");
                tree.put(field, SEALED_HERE);
            }
        }
        return JSON.writeValueAsString(tree);
    }

    private SerializedObject<byte[]> stored(Class<?> type, byte[] bytes) {
        return new SimpleSerializedObject<>(bytes, byte[].class, plain.typeForClass(type));
    }

    @Test
    void every_message_with_personal_data_is_stored_and_read_as_through_a_tree_with_values_set_or_absent()
            throws Exception {
        List<Function<String, String>> personalValues = List.of(name -> "Personal " + name + " \u00e9\u4e2d",
                name -> null, name -> name.length() % 2 == 0 ? null : "Odd " + name);
        for (Class<?> type : messagesWithPersonalData()) {
            assertThat(PersonalComponents.of(type)).as(type.getSimpleName() + " takes the way without a tree")
                    .isNotNull();
            for (Function<String, String> personal : personalValues) {
                Object message = SampleMessages.record(type, personal);
                byte[] written = serializer.serialize(message, byte[].class).getData();
                byte[] throughATree = writtenThroughATree(message);

                assertThat(withSealedValuesMarked(type, written)).as(type.getSimpleName())
                        .isEqualTo(withSealedValuesMarked(type, throughATree));
                assertThat((Object) serializer.deserialize(stored(type, throughATree))).isEqualTo(message);
                assertThat(readThroughATree(type, written)).isEqualTo(message);
            }
        }
        assertThat(messagesWithPersonalData()).as("events and commands with personal data").hasSizeGreaterThan(12);
    }

    @Test
    void every_message_with_personal_data_reads_as_erased_once_its_key_is_shredded_as_through_a_tree()
            throws Exception {
        for (Class<?> type : messagesWithPersonalData()) {
            setUp(); // the samples share their subject: a shredded key can never be made again
            Object message = SampleMessages.record(type, name -> "Personal " + name);
            byte[] written = serializer.serialize(message, byte[].class).getData();
            UUID subject = PersonalComponents.of(type).subject(PersonalComponents.of(type).values(message));
            vault.shred(subject);

            Object erased = SampleMessages.record(type, name -> CryptoShreddingSerializer.ERASED);
            assertThat((Object) serializer.deserialize(stored(type, written))).as(type.getSimpleName())
                    .isEqualTo(erased).isEqualTo(readThroughATree(type, written));
        }
    }

    @Test
    void aggregate_state_is_no_record_and_still_goes_through_a_tree() {
        assertThat(PersonalDataFields.of(Member.class).present()).isTrue();
        assertThat(PersonalComponents.of(Member.class)).isNull();
    }
}
