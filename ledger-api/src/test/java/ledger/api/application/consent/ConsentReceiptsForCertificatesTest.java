package ledger.api.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.application.certificate.MemberCertificate;
import ledger.api.application.consent.ReceiptSigner;
import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

class ConsentReceiptsForCertificatesTest {

    private static final UUID ID = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000000");
    private static final MemberId MEMBER = MemberId.of(ID);
    private static final UUID MEMBERSHIP = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    private static final UUID NEWSLETTER = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002");
    private static final Actor PORTAL = new Actor("portal-client", "PORTAL");
    private static final Instant AT = Instant.parse("2025-02-03T10:00:00Z");

    private final ConsentTrails trails = mock(ConsentTrails.class);
    private final ConsentDocuments documents = mock(ConsentDocuments.class);
    private final ReceiptSigner signer = mock(ReceiptSigner.class);
    private final ObjectMapper json = new ObjectMapper();

    private static ConsentGiven given(UUID consentId, String purpose, Instant at) {
        return new ConsentGiven(MEMBER, consentId, purpose, "2025-01", "a".repeat(64), "en", "portal", PORTAL, at);
    }

    private static ConsentDocuments.Receipt receipt(String consentId) {
        return new ConsentDocuments.Receipt(ConsentDocuments.KANTARA_VERSION, "FI", 1, "portal", consentId, "en",
                ID.toString(), List.of(), null, List.of(), false, List.of());
    }

    @Test
    void every_consent_given_gets_its_receipt_signed_in_the_order_given_even_after_the_erasure() throws Exception {
        ConsentTrail trail = new ConsentTrail(List.of(
                new ConsentTrail.Entry("e1", 1, given(MEMBERSHIP, "portal-membership", AT)),
                new ConsentTrail.Entry("e2", 2, given(NEWSLETTER, "newsletter", AT.plusSeconds(5))),
                new ConsentTrail.Entry("e3", 3, new ConsentWithdrawn(MEMBER, NEWSLETTER, "newsletter", "2025-01",
                        WithdrawalChannel.PORTAL, PORTAL, AT.plusSeconds(9))),
                new ConsentTrail.Entry("e4", 4, new MemberErased(MEMBER, ErasureGround.MEMBER_REQUEST, PORTAL,
                        AT.plusSeconds(20)))));
        when(trails.of(MEMBER)).thenReturn(trail);
        when(documents.receipt(eq(MEMBER), any())).thenAnswer(call ->
                receipt(call.<ConsentTrail.Lifecycle>getArgument(1).consent().consentId().toString()));
        when(signer.compactJws(any())).thenAnswer(call ->
                "jws(" + new String(call.<byte[]>getArgument(0), StandardCharsets.UTF_8) + ")");

        List<MemberCertificate.ConsentReceipt> receipts =
                new ConsentReceiptsForCertificates(trails, documents, signer, json).signedReceipts(ID);

        assertThat(receipts).containsExactly(
                new MemberCertificate.ConsentReceipt(MEMBERSHIP, "portal-membership",
                        "jws(" + json.writeValueAsString(receipt(MEMBERSHIP.toString())) + ")"),
                new MemberCertificate.ConsentReceipt(NEWSLETTER, "newsletter",
                        "jws(" + json.writeValueAsString(receipt(NEWSLETTER.toString())) + ")"));
        ArgumentCaptor<ConsentTrail.Lifecycle> lifecycles = ArgumentCaptor.forClass(ConsentTrail.Lifecycle.class);
        verify(documents, org.mockito.Mockito.times(2)).receipt(eq(MEMBER), lifecycles.capture());
        assertThat(lifecycles.getAllValues()).extracting(ConsentTrail.Lifecycle::state)
                .containsExactly(ConsentTrail.State.ERASED, ConsentTrail.State.WITHDRAWN);
    }

    @Test
    void a_member_who_never_consented_has_no_receipts() {
        when(trails.of(MEMBER)).thenReturn(new ConsentTrail(List.of()));

        assertThat(new ConsentReceiptsForCertificates(trails, documents, signer, json).signedReceipts(ID)).isEmpty();
    }

    @Test
    void a_receipt_that_cannot_be_written_as_json_is_an_internal_error() throws Exception {
        when(trails.of(MEMBER)).thenReturn(new ConsentTrail(List.of(
                new ConsentTrail.Entry("e1", 1, given(MEMBERSHIP, "portal-membership", AT)))));
        when(documents.receipt(eq(MEMBER), any())).thenReturn(receipt(MEMBERSHIP.toString()));
        ObjectMapper broken = mock(ObjectMapper.class);
        JsonProcessingException failure = new JsonProcessingException("boom") {
        };
        when(broken.writeValueAsBytes(any())).thenThrow(failure);

        assertThatThrownBy(() -> new ConsentReceiptsForCertificates(trails, documents, signer, broken)
                .signedReceipts(ID)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a receipt is plain JSON").hasCause(failure);
    }
}
