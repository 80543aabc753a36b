package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void the_role_names_endpoints_declare_are_exactly_the_roles() throws IllegalAccessException {
        var names = new java.util.TreeSet<String>();
        for (Field field : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(field.get(null)).as(field.getName()).isEqualTo(field.getName());
                names.add((String) field.get(null));
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::name).toList());
    }
}
