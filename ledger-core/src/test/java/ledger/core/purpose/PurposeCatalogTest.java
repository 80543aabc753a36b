package ledger.core.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PurposeCatalogTest {

    @Test
    void a_catalog_without_the_membership_purpose_is_refused() {
        assertThatThrownBy(() -> new PurposeCatalog(Set.of(PurposeCatalog.NEWSLETTER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_purposes_are_listed_in_alphabetical_order() {
        assertThat(new PurposeCatalog(Set.of("portal-membership", "newsletter", "analytics")).sorted())
                .containsExactly("analytics", "newsletter", "portal-membership");
    }
}
