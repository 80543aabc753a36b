package ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.core.member.MemberRefusals.UsernameTaken;

class RefusalTest {

    @Test
    void a_refusal_names_how_it_maps_onto_http_and_its_stable_code() {
        UsernameTaken refusal = new UsernameTaken();
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("username-taken");
    }

    @Test
    void refusal_details_without_holds_name_an_empty_list_and_never_share_the_callers_list() {
        assertThat(new RefusalDetails(Refusal.Kind.RULE, "code", "message", null).holds()).isEmpty();
        List<UUID> holds = new ArrayList<>(List.of(UUID.randomUUID()));
        RefusalDetails details = new RefusalDetails(Refusal.Kind.CONFLICT, "legal-hold", "message", holds);
        holds.clear();
        assertThat(details.holds()).hasSize(1);
    }
}
