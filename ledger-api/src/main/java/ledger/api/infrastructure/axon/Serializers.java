package ledger.api.infrastructure.axon;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** JSON with no encryption: for messages that are not stored. */
    public static JacksonSerializer plain() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).lenientDeserialization().build();
    }

    /** JSON whose personal fields are sealed under their subject's data key (crypto-shredding). */
    public static Serializer encrypting(KeyVault keys, FieldCipher cipher) {
        return new CryptoShreddingSerializer(plain(), keys, cipher);
    }
}
