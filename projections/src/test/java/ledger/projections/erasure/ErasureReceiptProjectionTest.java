package ledger.projections.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.contactcase.ContactCaseErased;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.FindErasures;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.support.ProjectionTest;

class ErasureReceiptProjectionTest extends ProjectionTest {

    @Autowired
    ErasureReceiptProjection projection;

    /** The receipts of a window of time that only this test writes into. */
    private List<ErasureReceiptRow> receipts(long fromSecond, long toSecond, int limit) {
        return projection.handle(new FindErasures(at(fromSecond), at(toSecond), limit)).entries();
    }

    private ErasureReceiptRow receiptOf(UUID subject) {
        return projection.handle(new FindErasures(null, null, 1_000_000)).entries().stream()
                .filter(r -> r.subjectId().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void a_member_erased_on_request_gets_a_receipt_with_ground_time_and_actor() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(10))));

        assertThat(receiptOf(id.value())).isEqualTo(new ErasureReceiptRow(id.value(), "MEMBER", "MEMBER_REQUEST",
                at(10), DPM.principal(), DPM.role(), false));
    }

    @Test
    void an_erasure_by_the_ledger_itself_is_marked_automatic() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberErased(id, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, at(11))));

        ErasureReceiptRow receipt = receiptOf(id.value());
        assertThat(receipt.automatic()).isTrue();
        assertThat(receipt.ground()).isEqualTo("RETENTION_EXPIRED");
        assertThat(receipt.actorPrincipal()).isEqualTo(Actor.SYSTEM.principal());
        assertThat(receipt.actorRole()).isEqualTo("SYSTEM");
    }

    @Test
    void a_contact_case_erased_by_retention_is_automatic_and_one_erased_on_request_is_not() {
        ContactCaseId expired = ContactCaseId.random();
        ContactCaseId requested = ContactCaseId.random();
        batch(() -> {
            projection.on(new ContactCaseErased(expired, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, at(12)));
            projection.on(new ContactCaseErased(requested, ErasureGround.OBJECTION, DPM, at(13)));
        });

        assertThat(receiptOf(expired.value())).isEqualTo(new ErasureReceiptRow(expired.value(), "CONTACT_CASE",
                "RETENTION_EXPIRED", at(12), Actor.SYSTEM.principal(), "SYSTEM", true));
        assertThat(receiptOf(requested.value())).isEqualTo(new ErasureReceiptRow(requested.value(), "CONTACT_CASE",
                "OBJECTION", at(13), DPM.principal(), DPM.role(), false));
    }

    @Test
    void a_contact_case_erasure_recorded_without_a_ground_gets_the_one_its_actor_implies() {
        ContactCaseId expired = ContactCaseId.random();
        ContactCaseId requested = ContactCaseId.random();
        batch(() -> {
            projection.on(new ContactCaseErased(expired, null, Actor.SYSTEM, at(12)));
            projection.on(new ContactCaseErased(requested, null, DPM, at(13)));
        });

        assertThat(receiptOf(expired.value()).ground()).isEqualTo("RETENTION_EXPIRED");
        assertThat(receiptOf(requested.value()).ground()).isEqualTo("REQUEST");
    }

    @Test
    void an_erasure_seen_again_keeps_the_first_receipt() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(14))));
        batch(() -> projection.on(new MemberErased(id, ErasureGround.OBJECTION, PORTAL, at(15))));

        assertThat(receiptOf(id.value()).erasedAt()).isEqualTo(at(14));
        assertThat(receiptOf(id.value()).ground()).isEqualTo("MEMBER_REQUEST");
    }

    @Test
    void receipts_come_oldest_first_within_from_inclusive_and_to_exclusive_up_to_the_limit() {
        MemberId first = MemberId.random();
        MemberId second = MemberId.random();
        MemberId third = MemberId.random();
        batch(() -> {
            projection.on(new MemberErased(third, ErasureGround.MEMBER_REQUEST, DPM, at(1003)));
            projection.on(new MemberErased(first, ErasureGround.MEMBER_REQUEST, DPM, at(1001)));
            projection.on(new MemberErased(second, ErasureGround.MEMBER_REQUEST, DPM, at(1002)));
        });

        assertThat(receipts(1001, 1003, 10)).extracting(ErasureReceiptRow::subjectId)
                .containsExactly(first.value(), second.value());
        assertThat(receipts(1000, 1004, 2)).extracting(ErasureReceiptRow::subjectId)
                .containsExactly(first.value(), second.value());
        assertThat(projection.handle(new FindErasures(at(1002), null, 10)).entries())
                .extracting(ErasureReceiptRow::subjectId).startsWith(second.value(), third.value());
        assertThat(projection.handle(new FindErasures(null, at(1002), 1_000_000)).entries())
                .extracting(ErasureReceiptRow::subjectId).contains(first.value())
                .doesNotContain(second.value(), third.value());
    }

    @Test
    void a_reset_empties_the_receipts_for_a_rebuild() {
        batch(() -> projection.on(new MemberErased(MemberId.random(), ErasureGround.MEMBER_REQUEST, DPM, at(16))));

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM erasure_receipt")).isZero();
    }
}
