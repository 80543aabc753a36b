package ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.core.member.MemberRefusals;
import ledger.core.member.MemberRefusals.UsernameTaken;
import ledger.core.purpose.PurposeCatalog;

class RefusalTest {

    @Test
    void a_refusal_names_how_it_maps_onto_http_and_its_stable_code() {
        UsernameTaken refusal = new UsernameTaken();
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("username-taken");
    }

    @Test
    void refusal_details_without_properties_name_an_empty_map_and_never_share_the_callers_map() {
        assertThat(new RefusalDetails(Refusal.Kind.RULE, "code", "message", null, null).properties()).isEmpty();
        Map<String, Object> properties = new HashMap<>(Map.of("holds", List.of(UUID.randomUUID())));
        RefusalDetails details = new RefusalDetails(Refusal.Kind.CONFLICT, "legal-hold", "message", null, properties);
        properties.clear();
        assertThat(details.properties()).containsKey("holds");
    }

    @Test
    void a_refusal_carries_its_field_and_properties_generically_in_its_details() {
        UUID hold = UUID.randomUUID();
        RefusalDetails blocked = new MemberRefusals.ErasureDeferredByLegalHold(List.of(hold)).details();
        assertThat(blocked.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(blocked.code()).isEqualTo("legal-hold");
        assertThat(blocked.field()).isNull();
        assertThat(blocked.properties()).isEqualTo(Map.of("holds", List.of(hold), "erasureDeferred", true));
        RefusalDetails unknown = new PurposeCatalog.UnknownPurpose("x").details();
        assertThat(unknown.field()).isEqualTo("purpose");
        assertThat(unknown.properties()).isEmpty();
    }
}
