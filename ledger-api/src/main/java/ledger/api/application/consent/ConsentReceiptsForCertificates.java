package ledger.api.application.consent;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.application.certificate.ConsentReceipts;
import ledger.api.application.certificate.MemberCertificate;
import ledger.api.application.consent.ReceiptSigner;
import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.member.ConsentGiven;
import ledger.core.member.MemberId;

/**
 * The member's consent receipts, signed, for the lifecycle certificate: the same JWS the receipt
 * endpoint gives, also after the erasure (a receipt names the member by id only; the certificate goes
 * to the DPM and auditors, not to the member who is gone).
 */
@Component
class ConsentReceiptsForCertificates implements ConsentReceipts {

    private final ConsentTrails trails;
    private final ConsentDocuments documents;
    private final ReceiptSigner signer;
    private final ObjectMapper json;

    ConsentReceiptsForCertificates(ConsentTrails trails, ConsentDocuments documents, ReceiptSigner signer,
                                   ObjectMapper json) {
        this.trails = trails;
        this.documents = documents;
        this.signer = signer;
        this.json = json;
    }

    @Override
    public List<MemberCertificate.ConsentReceipt> signedReceipts(UUID memberId) {
        MemberId member = MemberId.of(memberId);
        ConsentTrail trail = trails.of(member);
        return trail.entries().stream()
                .filter(entry -> entry.event() instanceof ConsentGiven)
                .map(entry -> (ConsentGiven) entry.event())
                .flatMap(given -> trail.lifecycle(given.consentId()).stream())
                .map(lifecycle -> new MemberCertificate.ConsentReceipt(lifecycle.consent().consentId(),
                        lifecycle.consent().purpose(), signer.compactJws(bytes(documents.receipt(member, lifecycle)))))
                .toList();
    }

    private byte[] bytes(ConsentDocuments.Receipt receipt) {
        try {
            return json.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is plain JSON", e);
        }
    }
}
