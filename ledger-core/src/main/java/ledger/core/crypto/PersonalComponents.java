package ledger.core.crypto;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A record with personal data taken apart and put together again, so that its personal values can be sealed or
 * opened without a JSON tree: Jackson writes and reads the record itself, the values are swapped on a copy made
 * with the canonical constructor (a replay read every event through a tree and its copy: 30 % of a read model's
 * work). Only records whose subject's JSON text is its {@code toString()} qualify (a {@link UUID}, a
 * {@link String}, or an id whose {@code toString} is its {@link JsonValue}); the serializer reads anything else
 * through a tree as before.
 */
final class PersonalComponents {

    private static final ClassValue<PersonalComponents> CACHE = new ClassValue<>() {
        @Override
        protected PersonalComponents computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private final String typeName;
    private final Method[] accessors;
    private final Constructor<?> canonical;
    private final int subject;
    private final int[] personal;
    private final String[] personalNames;

    private PersonalComponents(Class<?> type, Method[] accessors, Constructor<?> canonical, int subject,
                               int[] personal, String[] personalNames) {
        this.typeName = type.getSimpleName();
        this.accessors = accessors;
        this.canonical = canonical;
        this.subject = subject;
        this.personal = personal;
        this.personalNames = personalNames;
    }

    /** The record's parts, or {@code null} when {@code type} has no personal data or does not qualify. */
    static PersonalComponents of(Class<?> type) {
        return CACHE.get(type);
    }

    /** The message's simple type name, as the associated data names it. */
    String typeName() {
        return typeName;
    }

    /** The component values of {@code record}, in declaration order. */
    Object[] values(Object record) {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                values[i] = accessors[i].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + typeName + "." + accessors[i].getName(), e);
            }
        }
        return values;
    }

    /** The subject the personal values belong to; refused when the message names none. */
    UUID subject(Object[] values) {
        Object id = values[subject];
        if (id == null) {
            throw new IllegalStateException("a message with personal data must name its subject");
        }
        return id instanceof UUID uuid ? uuid : UUID.fromString(id.toString());
    }

    /** Positions of the personal components in {@link #values}. */
    int[] personal() {
        return personal;
    }

    /** The name of the personal component at {@code personal()[i]}. */
    String personalName(int i) {
        return personalNames[i];
    }

    /** A record of the same type with {@code values} as its components. */
    Object rebuild(Object[] values) {
        try {
            return canonical.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + typeName, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + typeName + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static PersonalComponents inspect(Class<?> type) {
        PersonalDataFields fields = PersonalDataFields.of(type);
        if (!type.isRecord() || !fields.present()) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int subject = -1;
        List<String> personalNames = fields.personalComponents();
        int[] personal = new int[personalNames.size()];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = components[i].getType();
            if (components[i].getName().equals(fields.subjectComponent())) {
                subject = i;
            }
            int p = personalNames.indexOf(components[i].getName());
            if (p >= 0) {
                personal[p] = i;
            }
        }
        if (!textIsToString(types[subject])) {
            return null;
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return new PersonalComponents(type, accessors, canonical, subject, personal,
                    personalNames.toArray(String[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    /** Whether Jackson writes a value of {@code type} as the text of its {@code toString()}. */
    private static boolean textIsToString(Class<?> type) {
        if (type == UUID.class || type == String.class) {
            return true;
        }
        try {
            return type.getDeclaredMethod("toString").isAnnotationPresent(JsonValue.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
