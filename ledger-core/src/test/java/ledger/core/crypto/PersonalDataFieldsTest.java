package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Which components or fields are personal data and which names the subject. {@link PersonalDataFields#of}
 * caches per class for the life of the JVM, so every test inspects a fresh copy of its class: what it
 * sees is what inspection finds now, not what an earlier test left in the cache.
 */
class PersonalDataFieldsTest {

    record Message(@SubjectId UUID subject, @PersonalData String name, String purpose, @PersonalData String email) {
    }

    record TwoSubjects(@SubjectId UUID member, @SubjectId UUID other, @PersonalData String name) {
    }

    record NotAString(@SubjectId UUID subject, @PersonalData Integer age) {
    }

    record NoPersonalData(UUID subject, String purpose) {
    }

    public static class State {
        @SubjectId
        private UUID id;
        @PersonalData
        private String name;
        private int visits;
    }

    static class ExtendedState extends State {
        @PersonalData
        private String email;
    }

    static class StateWithoutSubject {
        @PersonalData
        private String name;
    }

    static class StateWithNumber {
        @SubjectId
        private UUID id;
        @PersonalData
        private long phone;
    }

    static class PlainState {
        private UUID id;
        private String purpose;
    }

    interface Contract {
    }

    private static PersonalDataFields inspectFresh(Class<?> type) {
        return PersonalDataFields.of(new FreshLoader().copyOf(type));
    }

    /** Defines its own copy of one class; everything else (the annotations, a superclass) comes from the parent. */
    private static final class FreshLoader extends ClassLoader {
        FreshLoader() {
            super(PersonalDataFieldsTest.class.getClassLoader());
        }

        Class<?> copyOf(Class<?> type) {
            try (InputStream in = getParent().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(type.getName(), bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void a_message_names_its_subject_and_its_personal_components_in_order() {
        assertThat(inspectFresh(Message.class))
                .isEqualTo(new PersonalDataFields("subject", List.of("name", "email")));
    }

    @Test
    void a_message_without_personal_data_has_none_to_protect() {
        PersonalDataFields fields = inspectFresh(NoPersonalData.class);
        assertThat(fields.present()).isFalse();
        assertThat(fields.subjectComponent()).isNull();
    }

    @Test
    void a_message_with_two_subjects_is_refused() {
        assertThatThrownBy(() -> inspectFresh(TwoSubjects.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than one @SubjectId");
    }

    @Test
    void personal_data_other_than_text_is_refused_in_a_message() {
        assertThatThrownBy(() -> inspectFresh(NotAString.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("supported on String components");
    }

    @Test
    void aggregate_state_names_its_subject_and_its_personal_fields_including_inherited_ones() {
        assertThat(inspectFresh(State.class)).isEqualTo(new PersonalDataFields("id", List.of("name")));
        assertThat(inspectFresh(ExtendedState.class)).isEqualTo(new PersonalDataFields("id", List.of("email", "name")));
    }

    @Test
    void aggregate_state_with_personal_data_but_no_subject_is_refused() {
        assertThatThrownBy(() -> inspectFresh(StateWithoutSubject.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no @SubjectId");
    }

    @Test
    void personal_data_other_than_text_is_refused_in_aggregate_state() {
        assertThatThrownBy(() -> inspectFresh(StateWithNumber.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("supported on String fields");
    }

    @Test
    void aggregate_state_or_a_contract_without_personal_data_has_none_to_protect() {
        assertThat(inspectFresh(PlainState.class)).isEqualTo(new PersonalDataFields(null, List.of()));
        assertThat(inspectFresh(Contract.class)).isEqualTo(new PersonalDataFields(null, List.of()));
    }
}
