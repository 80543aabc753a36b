package ledger.api.application.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ledger.api.application.ledger.TransparencyLog;
import ledger.core.log.EventRow;
import ledger.core.member.ConsentGiven;
import ledger.core.member.FindErasureOf;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberRegistered;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;
import ledger.projections.erasure.ErasureReceiptRow;

class MemberCertificatesTest {

    private static final UUID MEMBER = UUID.fromString("66666666-6666-6666-6666-666666666666");
    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final Instant ERASED_AT = Instant.parse("2026-03-30T08:00:00Z");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private static final EventRow REGISTERED = row("e-registered", 0, MemberRegistered.class, "registered");
    private static final EventRow CONSENTED = row("e-consent", 1, ConsentGiven.class, "consent");
    private static final EventRow ERASED = row("e-erased", 2, MemberErased.class, "erased");

    private static final byte[] PROOF_A = bytes("proof-a");
    private static final byte[] PROOF_B = bytes("proof-b");

    private final TransparencyLog log = mock(TransparencyLog.class);
    private final ConsentReceipts receipts = mock(ConsentReceipts.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final MemberCertificates certificates = new MemberCertificates(log, receipts, queries,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final List<MemberCertificate.ConsentReceipt> signed = List.of(
            new MemberCertificate.ConsentReceipt(UUID.fromString("77777777-7777-7777-7777-777777777777"), "newsletter",
                    "header.payload.signature"));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static EventRow row(String eventId, long sequence, Class<?> payloadType, String payload) {
        return new EventRow(eventId, MEMBER.toString(), sequence, "Member", "2026-03-0" + (sequence + 1) + "T10:00:00Z",
                payloadType.getName(), sequence == 1 ? "2" : null, bytes(payload), sequence == 0 ? null : bytes("meta"));
    }

    private static TransparencyLog.StoredEvent stored(EventRow row, Long leaf) {
        return new TransparencyLog.StoredEvent(row, leaf);
    }

    @BeforeEach
    void setUp() {
        when(log.verifierKey()).thenReturn("ledger+abcd1234+AQID");
        when(log.inclusionProof(anyLong(), anyLong())).thenReturn(List.of(PROOF_A, PROOF_B));
        when(receipts.signedReceipts(MEMBER)).thenReturn(signed);
    }

    @SuppressWarnings("unchecked")
    private void erasureReceipts(List<ErasureReceiptRow> rows) {
        when(queries.query(any(FindErasureOf.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new Receipts(rows)));
    }

    @Test
    void a_member_with_no_stored_event_has_no_certificate() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of());

        assertThat(certificates.of(MEMBER)).isEmpty();
        verifyNoInteractions(receipts, queries);
    }

    @Test
    void the_certificate_proves_each_event_under_the_latest_checkpoint_that_covers_them_all() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, 10L), stored(CONSENTED, 12L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(
                new TransparencyLog.SignedCheckpoint(20, new byte[32], "origin\n20\n", "— witness\n")));
        when(log.inclusionProof(10, 20)).thenReturn(List.of(PROOF_A));
        when(log.inclusionProof(12, 20)).thenReturn(List.of(PROOF_B, PROOF_A));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.format()).isEqualTo("ledger-member-certificate/v1");
        assertThat(certificate.memberId()).isEqualTo(MEMBER);
        assertThat(certificate.issuedAt()).isEqualTo(NOW);
        assertThat(certificate.logPublicKey()).isEqualTo("ledger+abcd1234+AQID");
        assertThat(certificate.treeSize()).isEqualTo(20);
        assertThat(certificate.checkpoint()).isEqualTo("origin\n20\n— witness\n");
        assertThat(certificate.consentReceipts()).isEqualTo(signed);
        assertThat(certificate.erasure()).isNull();
        assertThat(certificate.events()).containsExactly(
                new MemberCertificate.Event("e-registered", MEMBER.toString(), 0, "Member", "2026-03-01T10:00:00Z",
                        MemberRegistered.class.getName(), null, REGISTERED.payloadSha256(),
                        REGISTERED.metaDataSha256(), 10, BASE64.encodeToString(REGISTERED.leafHash()),
                        List.of(BASE64.encodeToString(PROOF_A))),
                new MemberCertificate.Event("e-consent", MEMBER.toString(), 1, "Member", "2026-03-02T10:00:00Z",
                        ConsentGiven.class.getName(), "2", CONSENTED.payloadSha256(), CONSENTED.metaDataSha256(), 12,
                        BASE64.encodeToString(CONSENTED.leafHash()),
                        List.of(BASE64.encodeToString(PROOF_B), BASE64.encodeToString(PROOF_A))));
        verify(log, never()).checkpointCovering(anyLong());
        verify(log, never()).awaitLeaf(any(), any());
        verify(log, times(1)).eventsOf(MEMBER.toString());
        verifyNoInteractions(queries);
    }

    @Test
    void a_latest_checkpoint_one_leaf_past_the_last_event_covers_it() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, 3L), stored(CONSENTED, 9L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(10, new byte[32], "n10\n")));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.treeSize()).isEqualTo(10);
        assertThat(certificate.checkpoint()).isEqualTo("n10\n");
        verify(log).inclusionProof(3, 10);
        verify(log).inclusionProof(9, 10);
        verify(log, never()).checkpointCovering(anyLong());
    }

    @Test
    void a_latest_checkpoint_that_ends_at_the_last_event_does_not_cover_it_and_one_covering_it_is_taken() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(CONSENTED, 9L), stored(REGISTERED, 4L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(9, new byte[32], "n9\n")));
        when(log.checkpointCovering(10)).thenReturn(new TransparencyLog.SignedCheckpoint(11, new byte[32], "n11\n", "c\n"));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.treeSize()).isEqualTo(11);
        assertThat(certificate.checkpoint()).isEqualTo("n11\nc\n");
        verify(log).inclusionProof(9, 11);
        verify(log).inclusionProof(4, 11);
    }

    @Test
    void without_any_checkpoint_one_covering_the_last_event_is_taken() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, 0L)));
        when(log.latestCheckpoint()).thenReturn(Optional.empty());
        when(log.checkpointCovering(1)).thenReturn(new TransparencyLog.SignedCheckpoint(1, new byte[32], "n1\n"));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.treeSize()).isEqualTo(1);
        verify(log).inclusionProof(0, 1);
    }

    @Test
    void an_event_without_its_leaf_yet_is_waited_for_and_the_events_read_again() {
        when(log.eventsOf(MEMBER.toString()))
                .thenReturn(List.of(stored(REGISTERED, 5L), stored(CONSENTED, null)))
                .thenReturn(List.of(stored(REGISTERED, 5L), stored(CONSENTED, 6L)));
        when(log.awaitLeaf("e-consent", Duration.ofSeconds(5)))
                .thenReturn(Optional.of(new TransparencyLog.Leaf(6, "e-consent", 60, CONSENTED.leafHash())));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(7, new byte[32], "n7\n")));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.events()).extracting(MemberCertificate.Event::leafIndex).containsExactly(5L, 6L);
        verify(log, never()).awaitLeaf(eq("e-registered"), any());
    }

    @Test
    void an_event_whose_leaf_does_not_come_in_time_refuses_the_certificate_for_now() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, null), stored(CONSENTED, null)));
        when(log.awaitLeaf("e-registered", Duration.ofSeconds(5)))
                .thenReturn(Optional.of(new TransparencyLog.Leaf(6, "e-registered", 60, REGISTERED.leafHash())));
        when(log.awaitLeaf("e-consent", Duration.ofSeconds(5))).thenReturn(Optional.empty());

        assertThatThrownBy(() -> certificates.of(MEMBER)).isInstanceOf(CertificateNotReady.class)
                .hasMessage("an event of the member has no leaf yet");
        verifyNoInteractions(receipts);
    }

    @Test
    void an_erased_member_certificate_carries_the_erasure_receipt_with_ground_time_and_who() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, 1L), stored(ERASED, 2L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(3, new byte[32], "n3\n")));
        erasureReceipts(List.of(
                new ErasureReceiptRow(MEMBER, "MEMBER", "MEMBER_REQUEST", ERASED_AT, "dpm-client", "DPM", false),
                new ErasureReceiptRow(MEMBER, "MEMBER", "RETENTION_EXPIRED", NOW, "ledger", "SYSTEM", true)));

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.erasure()).isEqualTo(new MemberCertificate.Erasure("e-erased", 2, "MEMBER_REQUEST",
                ERASED_AT, "dpm-client", "DPM", false));
        ArgumentCaptor<FindErasureOf> asked = ArgumentCaptor.forClass(FindErasureOf.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<ResponseType<Object>> type = ArgumentCaptor.forClass(ResponseType.class);
        verify(queries).query(asked.capture(), type.capture());
        assertThat(asked.getValue()).isEqualTo(new FindErasureOf(MEMBER));
        assertThat(type.getValue().getExpectedResponseType()).isEqualTo(Receipts.class);
    }

    @Test
    void an_automatic_erasure_is_certified_as_automatic() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(ERASED, 4L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(5, new byte[32], "n5\n")));
        erasureReceipts(List.of(
                new ErasureReceiptRow(MEMBER, "MEMBER", "RETENTION_EXPIRED", ERASED_AT, "ledger", "SYSTEM", true)));

        assertThat(certificates.of(MEMBER).orElseThrow().erasure()).isEqualTo(new MemberCertificate.Erasure("e-erased",
                4, "RETENTION_EXPIRED", ERASED_AT, "ledger", "SYSTEM", true));
    }

    @Test
    void an_erasure_whose_receipt_is_not_projected_yet_is_certified_by_its_event_alone() {
        when(log.eventsOf(MEMBER.toString())).thenReturn(List.of(stored(REGISTERED, 1L), stored(ERASED, 2L)));
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(3, new byte[32], "n3\n")));
        erasureReceipts(List.of());

        MemberCertificate certificate = certificates.of(MEMBER).orElseThrow();

        assertThat(certificate.erasure()).isEqualTo(new MemberCertificate.Erasure("e-erased", 2, null, null, null, null,
                false));
        assertThat(certificate.events()).hasSize(2);
    }
}
