package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class CanonicalInstantsTest {

    private final ObjectMapper ours = Serializers.storageObjectMapper();
    /** The storage mapper as it was: Jackson's own instant reader. */
    private final ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Stamped(Instant at) {
    }

    private static String read(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue("{\"at\":" + json + "}", Stamped.class).at());
        } catch (Exception e) {
            return "refused";
        }
    }

    @Test
    void every_instant_the_storage_mapper_writes_is_read_back_as_the_same_instant_without_javas_formatter() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 7_258_118_400L); // 1970 .. 2200
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = ours.writeValueAsString(new Stamped(instant));
            String text = json.substring(7, json.length() - 2);

            assertThat(CanonicalInstants.parse(text)).as(text).isEqualTo(instant);
            assertThat(ours.readValue(json, Stamped.class).at()).isEqualTo(instant);
        }
        assertThat(CanonicalInstants.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
    }

    @Test
    void the_serializers_mapper_reads_instants_with_it_although_axon_registers_jacksons_time_module_again()
            throws Exception {
        ObjectMapper serializers = Serializers.plain().getObjectMapper();
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
                serializers.getDeserializationContext()).createDummyInstance(serializers.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(serializers.constructType(Instant.class)))
                .isInstanceOf(CanonicalInstants.class);
    }

    @Test
    void any_other_form_is_read_as_jacksons_own_reader_reads_it() {
        List<String> forms = List.of("\"2026-12-07T12:00:00+01:00\"", "\"2026-12-07T12:00:00.Z\"",
                "\" 2026-12-07T12:00:00Z\"", "\"2026-12-07t12:00:00z\"", "1765108800", "1765108800.5",
                "\"1765108800\"", "\"2026-02-30T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"", "\"2026-12-07T24:00:00Z\"",
                "\"2016-12-31T23:59:60Z\"", "\"+12026-01-01T00:00:00Z\"", "\"2026-12-07T12:00:00.1234567890Z\"",
                "\"2026-13-07T12:00:00Z\"", "\"２026-12-07T12:00:00Z\"", "\"2026-12-07T12:00Z\"", "null", "\"\"");
        for (String form : forms) {
            assertThat(read(ours, form)).as(form).isEqualTo(read(jacksons, form));
        }
        assertThat(CanonicalInstants.parse("2026-12-07T12:00:00+01:00")).isNull();
        assertThat(CanonicalInstants.parse("2026-02-30T00:00:00Z")).as("no such day").isNull();
    }

    @Test
    void the_serializer_finds_a_types_class_once_and_leaves_an_unknown_name_to_axon() {
        Serializers.KnownTypes serializer = (Serializers.KnownTypes) Serializers.plain();
        SerializedType stamped = new SimpleSerializedType(Stamped.class.getName(), null);
        assertThat(serializer.classForType(stamped)).isEqualTo(Stamped.class);
        assertThat(serializer.classForType(new SimpleSerializedType(Stamped.class.getName(), null)))
                .isEqualTo(Stamped.class);
        Object read = serializer.deserialize(new SimpleSerializedObject<>(
                "{\"at\":\"2026-12-07T12:00:00Z\"}".getBytes(), byte[].class, stamped));
        assertThat(read).isEqualTo(new Stamped(Instant.parse("2026-12-07T12:00:00Z")));

        SerializedType unknown = new SimpleSerializedType("ledger.NoSuchEvent", null);
        assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.<byte[], Object>deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class,
                unknown))).isInstanceOf(UnknownSerializedType.class);
    }
}
