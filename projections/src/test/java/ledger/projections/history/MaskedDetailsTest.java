package ledger.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /** A value of every type an event's components have; personal strings from {@code personal}. */
    private static Object sample(Type type, String name, Function<String, String> personal, boolean isPersonal)
            throws Exception {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return isPersonal ? personal.apply(name) : "text of " + name;
        }
        if (raw == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes());
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-12-07T12:34:56.789Z");
        }
        if (raw == LocalDate.class) {
            return LocalDate.parse("2027-01-31");
        }
        if (raw == Duration.class) {
            return Duration.ofDays(30);
        }
        if (raw == long.class || raw == Long.class) {
            return 42L;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[raw.getEnumConstants().length - 1];
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            Object one = sample(element, name + "-1", personal, false);
            return List.class.isAssignableFrom(raw) ? List.of(one) : Set.of(one);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type[] kv = ((ParameterizedType) type).getActualTypeArguments();
            return Map.of(sample(kv[0], name + "-k", personal, false), sample(kv[1], name + "-v", personal, false));
        }
        if (raw == ledger.core.shared.Actor.class) {
            // validated: an acting user must name a member or an admin
            return new ledger.core.shared.Actor("static:PORTAL#1", "PORTAL", "member:" + UUID.nameUUIDFromBytes(
                    name.getBytes()));
        }
        if (raw.isRecord()) {
            return record(raw, personal);
        }
        throw new IllegalStateException("no sample for " + type + " (" + name + ")");
    }

    private static Object record(Class<?> type, Function<String, String> personal) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        List<String> personalNames = PersonalDataFields.of(type).personalComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = sample(components[i].getGenericType(), components[i].getName(), personal,
                    personalNames.contains(components[i].getName()));
            types[i] = components[i].getType();
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
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
                Object event = record(type, personal);
                for (String[] omit : List.of(new String[] {"memberId", "by", "at"},
                        new String[] {"requestId", "memberId", "by", "at", "codeDigest"}, new String[0])) {
                    assertThat(MaskedDetails.of(event, omit)).as(type.getSimpleName())
                            .isEqualTo(throughATree(event, omit));
                }
            }
            if (PersonalDataFields.of(type).present()) {
                withPersonalData++;
                String details = MaskedDetails.of(record(type, name -> "Personal " + name), "memberId", "by", "at");
                assertThat(details).doesNotContain("Personal ").contains(MaskedDetails.maskedLiteral());
            }
        }
        assertThat(events()).hasSizeGreaterThan(20);
        assertThat(withPersonalData).as("events with personal data among them").isGreaterThanOrEqualTo(3);
    }
}
