package ledger.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.crypto.PersonalDataFields;

/**
 * The non-personal content of an event as JSON: every {@code @PersonalData} value that is set is
 * replaced by {@link #MASK}, or by the erased placeholder once the subject was erased.
 */
public final class MaskedDetails {

    public static final String MASK = "***";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MaskedDetails() {
    }

    public static String of(Object event, String... omit) {
        ObjectNode tree = JSON.valueToTree(event);
        for (String field : omit) {
            tree.remove(field);
        }
        for (String field : PersonalDataFields.of(event.getClass()).personalComponents()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                tree.put(field, CryptoShreddingSerializer.ERASED.equals(value.asText())
                        ? CryptoShreddingSerializer.ERASED : MASK);
            }
        }
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON literal of a masked value, as it appears inside {@code details}. */
    public static String maskedLiteral() {
        return "\"" + MASK + "\"";
    }

    public static String erasedLiteral() {
        return "\"" + CryptoShreddingSerializer.ERASED + "\"";
    }
}
