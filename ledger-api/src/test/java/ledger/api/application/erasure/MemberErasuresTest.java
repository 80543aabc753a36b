package ledger.api.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ledger.api.application.ApplicationFixtures;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.EraseMember;
import ledger.core.member.ErasureDeferral;
import ledger.core.member.ErasureReceipt;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.ErasureDeferredByLegalHold;
import ledger.core.member.PlaceLegalHold;
import ledger.core.member.ReleaseLegalHold;
import ledger.core.shared.Actor;

class MemberErasuresTest {

    private static final UUID MEMBER = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Actor DPM = new Actor("dpm-client", "DPM");
    private static final Instant ERASED_AT = Instant.parse("2026-03-01T10:15:30Z");
    /** Late on 31 March in UTC, already 1 April in Helsinki: the review date must be counted in UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T23:30:00Z"), ZoneId.of("Europe/Helsinki"));

    private final CommandGateway commands = mock(CommandGateway.class);
    private final TransparencyLog log = mock(TransparencyLog.class);
    private final MemberErasures erasures = new MemberErasures(commands, log, CLOCK,
            ApplicationFixtures.properties(null, null, null, null, new LedgerProperties.LegalHolds(Period.ofMonths(3))));

    @Test
    void an_erasure_sends_a_manual_erase_command_with_the_ground_and_the_caller() {
        when(commands.sendAndWait(any(EraseMember.class)))
                .thenReturn(new ErasureReceipt(MemberId.of(MEMBER), ErasureGround.MEMBER_REQUEST, ERASED_AT));
        when(log.evidenceOfLast(any(), any(), any())).thenReturn(Optional.empty());

        erasures.erase(MEMBER, ErasureGround.MEMBER_REQUEST, DPM);

        ArgumentCaptor<EraseMember> sent = ArgumentCaptor.forClass(EraseMember.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new EraseMember(MemberId.of(MEMBER), ErasureGround.MEMBER_REQUEST, DPM,
                false));
    }

    @Test
    void an_erasure_answers_the_receipt_with_the_log_evidence_of_the_erasure_event_in_base64() {
        when(commands.sendAndWait(any(EraseMember.class)))
                .thenReturn(new ErasureReceipt(MemberId.of(MEMBER), ErasureGround.OBJECTION, ERASED_AT));
        byte[] leafHash = "leaf-hash".getBytes(StandardCharsets.UTF_8);
        byte[] sibling = "sibling".getBytes(StandardCharsets.UTF_8);
        byte[] uncle = "uncle".getBytes(StandardCharsets.UTF_8);
        TransparencyLog.Evidence evidence = new TransparencyLog.Evidence(
                new TransparencyLog.Leaf(41, "erased-event", 99, leafHash),
                new TransparencyLog.SignedCheckpoint(64, new byte[32], "origin\n64\nroot\n", "— witness sig\n"),
                List.of(sibling, uncle));
        when(log.evidenceOfLast(MEMBER.toString(), MemberErased.class, Duration.ofSeconds(5)))
                .thenReturn(Optional.of(evidence));

        MemberErasures.Receipt receipt = erasures.erase(MEMBER, ErasureGround.OBJECTION, DPM);

        Base64.Encoder base64 = Base64.getEncoder();
        assertThat(receipt).isEqualTo(new MemberErasures.Receipt(MEMBER, ErasureGround.OBJECTION, ERASED_AT, true, true,
                new MemberErasures.ErasureEvidence("erased-event", 41, base64.encodeToString(leafHash), 64,
                        "origin\n64\nroot\n", List.of(base64.encodeToString(sibling), base64.encodeToString(uncle)))));
    }

    @Test
    void an_erasure_whose_leaf_does_not_come_in_time_answers_the_receipt_without_evidence() {
        when(commands.sendAndWait(any(EraseMember.class)))
                .thenReturn(new ErasureReceipt(MemberId.of(MEMBER), ErasureGround.CONSENT_WITHDRAWN, ERASED_AT));
        when(log.evidenceOfLast(eq(MEMBER.toString()), eq(MemberErased.class), any())).thenReturn(Optional.empty());

        MemberErasures.Receipt receipt = erasures.erase(MEMBER, ErasureGround.CONSENT_WITHDRAWN, DPM);

        assertThat(receipt).isEqualTo(new MemberErasures.Receipt(MEMBER, ErasureGround.CONSENT_WITHDRAWN, ERASED_AT,
                true, true, null));
    }

    @Test
    void a_standing_legal_hold_defers_the_erasure_and_refuses_naming_the_holds() {
        UUID hold = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        UUID other = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-ffffffffffff");
        when(commands.sendAndWait(any(EraseMember.class))).thenReturn(
                new ErasureDeferral(MemberId.of(MEMBER), ErasureGround.MEMBER_REQUEST, List.of(hold, other), false));

        assertThatThrownBy(() -> erasures.erase(MEMBER, ErasureGround.MEMBER_REQUEST, DPM))
                .isInstanceOfSatisfying(ErasureDeferredByLegalHold.class,
                        refusal -> assertThat(refusal.holds()).containsExactly(hold, other));
        verify(log, never()).evidenceOfLast(any(), any(), any());
    }

    @Test
    void a_hold_placed_with_a_review_date_sends_that_date_and_answers_it_with_the_new_hold_id() {
        LocalDate reviewBy = LocalDate.of(2027, 1, 15);

        MemberErasures.Placed placed = erasures.placeHold(MEMBER, LegalHoldGround.LEGAL_CLAIMS, "court case 12",
                reviewBy, DPM);

        ArgumentCaptor<PlaceLegalHold> sent = ArgumentCaptor.forClass(PlaceLegalHold.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new PlaceLegalHold(MemberId.of(MEMBER), placed.holdId(),
                LegalHoldGround.LEGAL_CLAIMS, "court case 12", reviewBy, DPM));
        assertThat(placed.holdId()).isNotNull();
        assertThat(placed.reviewBy()).isEqualTo(reviewBy);
    }

    @Test
    void a_hold_placed_without_a_review_date_is_to_be_reviewed_the_configured_period_after_today_in_utc() {
        MemberErasures.Placed placed = erasures.placeHold(MEMBER, LegalHoldGround.SECURITY, "misuse", null, DPM);

        ArgumentCaptor<PlaceLegalHold> sent = ArgumentCaptor.forClass(PlaceLegalHold.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().reviewBy()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(placed.reviewBy()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(sent.getValue().holdId()).isEqualTo(placed.holdId());
    }

    @Test
    void each_hold_placed_gets_an_id_of_its_own() {
        MemberErasures.Placed first = erasures.placeHold(MEMBER, LegalHoldGround.ARCHIVING, "a", null, DPM);
        MemberErasures.Placed second = erasures.placeHold(MEMBER, LegalHoldGround.ARCHIVING, "a", null, DPM);

        assertThat(first.holdId()).isNotEqualTo(second.holdId());
    }

    @Test
    void releasing_a_hold_sends_the_release_with_the_hold_and_the_caller() {
        UUID hold = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

        erasures.releaseHold(MEMBER, hold, DPM);

        ArgumentCaptor<ReleaseLegalHold> sent = ArgumentCaptor.forClass(ReleaseLegalHold.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new ReleaseLegalHold(MemberId.of(MEMBER), hold, DPM));
    }
}
