package ledger.core.crypto;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Which components of a record are personal data and which one names their subject. */
public record PersonalDataFields(String subjectComponent, List<String> personalComponents) {

    private static final ClassValue<PersonalDataFields> CACHE = new ClassValue<>() {
        @Override
        protected PersonalDataFields computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    public static PersonalDataFields of(Class<?> type) {
        return CACHE.get(type);
    }

    public boolean present() {
        return !personalComponents.isEmpty();
    }

    private static PersonalDataFields inspect(Class<?> type) {
        if (!type.isRecord()) {
            return inspectFields(type);
        }
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(SubjectId.class)) {
                if (subject != null) {
                    throw new IllegalStateException(type.getName() + " has more than one @SubjectId");
                }
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                if (component.getType() != String.class) {
                    throw new IllegalStateException(type.getName() + "." + component.getName()
                            + ": @PersonalData is supported on String components");
                }
                personal.add(component.getName());
            }
        }
        if (!personal.isEmpty() && subject == null) {
            throw new IllegalStateException(type.getName() + " has @PersonalData but no @SubjectId");
        }
        return new PersonalDataFields(subject, List.copyOf(personal));
    }

    /** Aggregate state (snapshots): annotated fields, as Jackson writes them by name. */
    private static PersonalDataFields inspectFields(Class<?> type) {
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(SubjectId.class)) {
                    subject = field.getName();
                }
                if (field.isAnnotationPresent(PersonalData.class)) {
                    if (field.getType() != String.class) {
                        throw new IllegalStateException(type.getName() + "." + field.getName()
                                + ": @PersonalData is supported on String fields");
                    }
                    personal.add(field.getName());
                }
            }
        }
        if (!personal.isEmpty() && subject == null) {
            throw new IllegalStateException(type.getName() + " has @PersonalData but no @SubjectId");
        }
        return new PersonalDataFields(subject, List.copyOf(personal));
    }
}
