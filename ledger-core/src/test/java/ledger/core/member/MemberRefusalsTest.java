package ledger.core.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.core.member.MemberRefusals.ErasureDeferredByLegalHold;
import ledger.core.member.MemberRefusals.IdTaken;
import ledger.core.member.MemberRefusals.RequiredFieldCannotBeRemoved;
import ledger.core.member.MemberRefusals.ReviewDateNotAhead;
import ledger.core.shared.Refusal;
import ledger.core.shared.RefusalDetails;

/** What the HTTP side reads of a member refusal: kind, code and the request field it is about. */
class MemberRefusalsTest {

    @Test
    void a_refusal_about_one_request_field_names_that_field() {
        RefusalDetails taken = new IdTaken().details();
        assertThat(taken.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(taken.code()).isEqualTo("id-taken");
        assertThat(taken.field()).isEqualTo("memberId");

        RefusalDetails required = new RequiredFieldCannotBeRemoved("email").details();
        assertThat(required.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(required.code()).isEqualTo("field-required");
        assertThat(required.field()).isEqualTo("email");

        RefusalDetails review = new ReviewDateNotAhead().details();
        assertThat(review.code()).isEqualTo("review-date-passed");
        assertThat(review.field()).isEqualTo("reviewBy");
    }

    @Test
    void a_deferral_by_legal_hold_names_the_holds_to_release_as_they_were_when_it_was_refused() {
        UUID first = UUID.fromString("5a1d0000-0000-0000-0000-000000000001");
        UUID second = UUID.fromString("5a1d0000-0000-0000-0000-000000000002");
        List<UUID> holds = new ArrayList<>(List.of(first, second));
        ErasureDeferredByLegalHold refusal = new ErasureDeferredByLegalHold(holds);
        holds.clear();
        assertThat(refusal.holds()).containsExactly(first, second);
    }
}
