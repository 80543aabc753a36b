package ledger.api.infrastructure.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.crypto.FieldCipher;
import ledger.core.crypto.KeyVault;

/** The one place that builds Axon's serializers: plain JSON on the wire, encrypting JSON at rest. */
public final class Serializers {

    private Serializers() {
    }

    /** Messages, tokens and events are stored as JSON; unknown properties are ignored for evolution. */
    public static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(CanonicalInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** JSON with no encryption: for messages that are not stored. */
    public static JacksonSerializer plain() {
        return new KnownTypes(JacksonSerializer.builder().objectMapper(storageObjectMapper()).lenientDeserialization());
    }

    /**
     * Axon's serializer, with the class and the reader of each type found once: Axon looks the class up by name
     * ({@code Class.forName}) and builds a reader for every message it reads, its metadata's included (3 % of a
     * replaying processor's samples). A name no class answers is left to Axon (it returns its unknown type).
     */
    static final class KnownTypes extends JacksonSerializer {

        private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();
        private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

        KnownTypes(JacksonSerializer.Builder builder) {
            super(builder);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class classForType(SerializedType type) {
            Class<?> known = classes.get(type);
            if (known != null) {
                return known;
            }
            Class<?> found = super.classForType(type);
            if (!UnknownSerializedType.class.equals(found)) {
                classes.put(new SimpleSerializedType(type.getName(), type.getRevision()), found);
            }
            return found;
        }

        @Override
        protected ObjectReader getReader(Class<?> type) {
            return readers.computeIfAbsent(type, super::getReader);
        }
    }

    /** JSON whose personal fields are sealed under their subject's data key (crypto-shredding). */
    public static Serializer encrypting(KeyVault keys, FieldCipher cipher) {
        return new CryptoShreddingSerializer(plain(), keys, cipher);
    }
}
