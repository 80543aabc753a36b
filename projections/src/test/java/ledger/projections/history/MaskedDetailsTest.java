package ledger.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.crypto.PersonalDataFields;
import ledger.core.member.MemberEvent;
import ledger.core.request.RequestEvent;
import ledger.core.samples.SampleMessages;

class MaskedDetailsTest {

    /** The details as they were written before (a tree of the event, changed and written again). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static String throughATree(Object event, String... omit) throws Exception {
        ObjectNode tree = JSON.valueToTree(event);
        for (String field : omit) {
            tree.remove(field);
        }
        for (String field : PersonalDataFields.of(event.getClass()).personalComponents()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                tree.put(field, CryptoShreddingSerializer.ERASED.equals(value.asText())
                        ? CryptoShreddingSerializer.ERASED : MaskedDetails.MASK);
            }
        }
        return JSON.writeValueAsString(tree);
    }

    private static List<Class<?>> events() {
        List<Class<?>> events = new ArrayList<>(List.of(MemberEvent.class.getPermittedSubclasses()));
        events.addAll(List.of(RequestEvent.class.getPermittedSubclasses()));
        return events;
    }

    @Test
    void every_member_and_request_event_is_written_as_its_tree_was_with_personal_values_set_erased_or_absent()
            throws Exception {
        List<Function<String, String>> personalValues = List.of(name -> "Personal " + name,
                name -> CryptoShreddingSerializer.ERASED, name -> null);
        int withPersonalData = 0;
        for (Class<?> type : events()) {
            for (Function<String, String> personal : personalValues) {
                Object event = SampleMessages.record(type, personal);
                for (String[] omit : List.of(new String[] {"memberId", "by", "at"},
                        new String[] {"requestId", "memberId", "by", "at", "codeDigest"}, new String[0])) {
                    assertThat(MaskedDetails.of(event, omit)).as(type.getSimpleName())
                            .isEqualTo(throughATree(event, omit));
                }
            }
            if (PersonalDataFields.of(type).present()) {
                withPersonalData++;
                String details = MaskedDetails.of(SampleMessages.record(type, name -> "Personal " + name),
                        "memberId", "by", "at");
                assertThat(details).doesNotContain("Personal ").contains(MaskedDetails.maskedLiteral());
            }
        }
        assertThat(events()).hasSizeGreaterThan(20);
        assertThat(withPersonalData).as("events with personal data among them").isGreaterThanOrEqualTo(3);
    }
}
