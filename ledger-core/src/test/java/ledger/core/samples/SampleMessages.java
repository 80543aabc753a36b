package ledger.core.samples;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import ledger.core.crypto.PersonalDataFields;
import ledger.core.shared.Actor;

/**
 * A record of any message type with a value in every component, built by reflection: tests that must hold for
 * every event (its stored form, its history details) need no hand-written instance per type. Personal strings
 * come from a function of the component's name, so a test can set them, erase them or leave them out.
 */
public final class SampleMessages {

    private SampleMessages() {
    }

    /** A {@code type} record; its {@code @PersonalData} strings are {@code personal.apply(componentName)}. */
    public static Object record(Class<?> type, Function<String, String> personal) throws Exception {
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

    /** A value of every type a message's components have; personal strings from {@code personal}. */
    private static Object sample(Type type, String name, Function<String, String> personal, boolean isPersonal)
            throws Exception {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return isPersonal ? personal.apply(name) : "text-" + name; // also a valid version or code
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
        if (raw == Actor.class) {
            // validated: an acting user must name a member or an admin
            return new Actor("static:PORTAL#1", "PORTAL", "member:" + UUID.nameUUIDFromBytes(name.getBytes()));
        }
        if (raw.isRecord()) {
            return record(raw, personal);
        }
        throw new IllegalStateException("no sample for " + type + " (" + name + ")");
    }
}
