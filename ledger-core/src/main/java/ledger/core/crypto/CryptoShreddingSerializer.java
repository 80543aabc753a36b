package ledger.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Wraps Axon's Jackson serializer: on the way into the store every {@link PersonalData} component
 * becomes {@code enc:v1:<base64url(nonce || ciphertext || tag)>} under the data key of the
 * message's {@link SubjectId}; on the way out it is decrypted, or read as {@link #ERASED} when the
 * key was shredded. A message without personal data passes through unchanged. During a
 * {@link SealedReading sealed load} personal fields read as {@link SealedReading#SEALED} and the
 * vault is not asked.
 */
public final class CryptoShreddingSerializer implements Serializer {

    /** What a personal field reads as once its subject was erased. */
    public static final String ERASED = "[erased]";

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final KeyVault keys;
    private final FieldCipher cipher;

    public CryptoShreddingSerializer(JacksonSerializer delegate, KeyVault keys) {
        this(delegate, keys, FieldCipher.aesGcm());
    }

    public CryptoShreddingSerializer(JacksonSerializer delegate, KeyVault keys, FieldCipher cipher) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.keys = keys;
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalDataFields fields = object == null ? null : PersonalDataFields.of(object.getClass());
        if (fields == null || !fields.present()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        PersonalComponents record = PersonalComponents.of(object.getClass());
        if (record != null) {
            return delegate.serialize(sealed(record, object), expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        UUID subject = subjectOf(tree, fields);
        String type = object.getClass().getSimpleName();
        byte[] key = null;
        for (String field : fields.personalComponents()) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.keyForWriting(subject);
            }
            byte[] plain = value.asText().getBytes(StandardCharsets.UTF_8);
            tree.put(field, cipher.seal(key, plain, associatedData(subject, type, field)));
        }
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SerializedObject<byte[]> serialized =
                new SimpleSerializedObject<>(bytes, byte[].class, delegate.typeForClass(object.getClass()));
        return delegate.getConverter().convert(serialized, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = delegate.classForType(serializedObject.getType());
        PersonalDataFields fields = PersonalDataFields.of(type);
        if (!fields.present()) {
            return delegate.deserialize(serializedObject);
        }
        PersonalComponents record = PersonalComponents.of(type);
        if (record != null) {
            @SuppressWarnings("unchecked")
            T opened = (T) opened(record, delegate.deserialize(serializedObject));
            return opened;
        }
        JsonNode node = delegate.getConverter().convert(serializedObject, JsonNode.class).getData();
        ObjectNode tree = node.deepCopy();
        UUID subject = subjectOf(tree, fields);
        String typeName = type.getSimpleName();
        Optional<byte[]> key = null;
        for (String field : fields.personalComponents()) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.asText();
            if (!cipher.recognises(text)) {
                throw new IllegalStateException(typeName + "." + field + " is stored without encryption");
            }
            if (SealedReading.active()) {
                tree.put(field, SealedReading.SEALED);
                continue;
            }
            if (key == null) {
                key = keys.keyForReading(subject);
            }
            if (key.isEmpty()) {
                tree.put(field, ERASED);
                continue;
            }
            byte[] plain = cipher.open(key.get(), text, associatedData(subject, typeName, field));
            tree.put(field, new String(plain, StandardCharsets.UTF_8));
        }
        try {
            @SuppressWarnings("unchecked")
            T result = (T) mapper.treeToValue(tree, type);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code message} with its personal values sealed: what Jackson then writes is what is stored. */
    private Object sealed(PersonalComponents record, Object message) {
        Object[] values = record.values(message);
        UUID subject = record.subject(values);
        byte[] key = null;
        int[] personal = record.personal();
        for (int i = 0; i < personal.length; i++) {
            String value = (String) values[personal[i]];
            if (value == null) {
                continue;
            }
            if (key == null) {
                key = keys.keyForWriting(subject);
            }
            values[personal[i]] = cipher.seal(key, value.getBytes(StandardCharsets.UTF_8),
                    associatedData(subject, record.typeName(), record.personalName(i)));
        }
        return record.rebuild(values);
    }

    /** A copy of {@code stored} (as Jackson read it, sealed) with its personal values opened, erased or sealed. */
    private Object opened(PersonalComponents record, Object stored) {
        Object[] values = record.values(stored);
        UUID subject = record.subject(values);
        Optional<byte[]> key = null;
        int[] personal = record.personal();
        for (int i = 0; i < personal.length; i++) {
            String text = (String) values[personal[i]];
            if (text == null) {
                continue;
            }
            if (!cipher.recognises(text)) {
                throw new IllegalStateException(record.typeName() + "." + record.personalName(i)
                        + " is stored without encryption");
            }
            if (SealedReading.active()) {
                values[personal[i]] = SealedReading.SEALED;
                continue;
            }
            if (key == null) {
                key = keys.keyForReading(subject);
            }
            values[personal[i]] = key.isEmpty() ? ERASED : new String(cipher.open(key.get(), text,
                    associatedData(subject, record.typeName(), record.personalName(i))), StandardCharsets.UTF_8);
        }
        return record.rebuild(values);
    }

    private static UUID subjectOf(JsonNode tree, PersonalDataFields fields) {
        JsonNode subject = tree.get(fields.subjectComponent());
        if (subject == null || subject.isNull()) {
            throw new IllegalStateException("a message with personal data must name its subject");
        }
        return UUID.fromString(subject.asText());
    }

    static byte[] associatedData(UUID subject, String type, String field) {
        return ("v1|" + subject + "|" + type + "|" + field).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
