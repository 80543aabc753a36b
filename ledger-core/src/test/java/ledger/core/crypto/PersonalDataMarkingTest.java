package ledger.core.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Personal data is only ever marked together with the subject whose key protects it. */
class PersonalDataMarkingTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ledger.core");

    static final ArchCondition<JavaClass> NAME_THEIR_SUBJECT = new ArchCondition<>("name their @SubjectId") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
            try {
                PersonalDataFields.of(item.reflect());
            } catch (IllegalStateException e) {
                events.add(SimpleConditionEvent.violated(item, e.getMessage()));
            }
        }
    };

    static final DescribedPredicate<JavaClass> CARRY_PERSONAL_DATA =
            new DescribedPredicate<>("carry @PersonalData") {
                @Override
                public boolean test(JavaClass input) {
                    return input.isRecord() && input.getAllFields().stream()
                            .anyMatch(f -> f.reflect().getDeclaringClass().isRecord()
                                    && componentAnnotated(f.reflect().getDeclaringClass(), f.getName()));
                }
            };

    private static boolean componentAnnotated(Class<?> record, String name) {
        for (var component : record.getRecordComponents()) {
            if (component.getName().equals(name) && component.isAnnotationPresent(PersonalData.class)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void every_message_with_personal_data_names_its_subject() {
        classes().that(CARRY_PERSONAL_DATA).should(NAME_THEIR_SUBJECT).check(DOMAIN);
    }

    record Unmarked(@PersonalData String email) {
    }

    @Test
    void a_message_with_personal_data_but_no_subject_is_caught() {
        assertThatThrownBy(() -> classes().that(CARRY_PERSONAL_DATA).should(NAME_THEIR_SUBJECT)
                .check(new ClassFileImporter().importClasses(Unmarked.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no @SubjectId");
    }
}
