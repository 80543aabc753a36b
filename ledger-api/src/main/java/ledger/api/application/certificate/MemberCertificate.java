package ledger.api.application.certificate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The certificate's contract ({@code ledger-member-certificate/v1}, docs/verifiable-ledger.md). Hashes
 * are base64; payload and metadata enter as the lowercase hex SHA-256 of their stored bytes, exactly
 * as the leaf covers them, so the certificate holds no personal data and stays valid after erasure.
 */
public record MemberCertificate(String format, UUID memberId, Instant issuedAt, String logPublicKey,
                                long treeSize, String checkpoint, List<Event> events,
                                List<ConsentReceipt> consentReceipts, Erasure erasure) {

    public static final String FORMAT = "ledger-member-certificate/v1";

    /** One stored event: the values its leaf is computed from, the leaf, its inclusion proof in {@code treeSize}. */
    public record Event(String eventId, String aggregateIdentifier, long sequenceNumber, String type, String timeStamp,
                        String payloadType, String payloadRevision, String payloadSha256, String metaDataSha256,
                        long leafIndex, String leafHash, List<String> inclusionProof) {
    }

    /** A consent's Kantara receipt as the compact JWS the ledger's key signed. */
    public record ConsentReceipt(UUID consentId, String purpose, String jws) {
    }

    /** The erasure receipt: ground, time, who (principal and role, or the system) and the erasure's event. */
    public record Erasure(String eventId, long leafIndex, String ground, Instant erasedAt, String erasedBy,
                          String role, boolean automatic) {
    }
}
