package ledger.api.application.certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import ledger.api.application.ledger.TransparencyLog;
import ledger.core.log.EventRow;
import ledger.core.member.FindErasureOf;
import ledger.core.member.MemberErased;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;

/**
 * Builds a member's lifecycle certificate from the stored events (the rows the log covers, whoever
 * can or cannot decrypt them) under the latest checkpoint, which carries the witnesses' cosignatures
 * once they gave them. A just-recorded event without its leaf is waited for briefly.
 */
@Component
public class MemberCertificates {

    private static final Duration LEAF_WAIT = Duration.ofSeconds(5);

    private final TransparencyLog log;
    private final ConsentReceipts receipts;
    private final QueryGateway queries;
    private final Clock clock;

    MemberCertificates(TransparencyLog log, ConsentReceipts receipts, QueryGateway queries, Clock clock) {
        this.log = log;
        this.receipts = receipts;
        this.queries = queries;
        this.clock = clock;
    }

    /** The member's certificate; empty when the ledger holds no event of that member. */
    public Optional<MemberCertificate> of(UUID memberId) {
        List<TransparencyLog.StoredEvent> events = log.eventsOf(memberId.toString());
        if (events.isEmpty()) {
            return Optional.empty();
        }
        if (events.stream().anyMatch(e -> e.leafIndex() == null)) {
            for (TransparencyLog.StoredEvent event : events) {
                if (event.leafIndex() == null && log.awaitLeaf(event.row().eventIdentifier(), LEAF_WAIT).isEmpty()) {
                    throw new CertificateNotReady("an event of the member has no leaf yet");
                }
            }
            events = log.eventsOf(memberId.toString());
        }
        long lastLeaf = events.stream().mapToLong(TransparencyLog.StoredEvent::leafIndex).max().orElseThrow();
        TransparencyLog.SignedCheckpoint checkpoint = log.latestCheckpoint()
                .filter(latest -> latest.treeSize() > lastLeaf)
                .orElseGet(() -> log.checkpointCovering(lastLeaf + 1));
        long treeSize = checkpoint.treeSize();
        List<MemberCertificate.Event> certified = new ArrayList<>();
        MemberCertificate.Erasure erasure = null;
        for (TransparencyLog.StoredEvent stored : events) {
            EventRow row = stored.row();
            long leaf = stored.leafIndex();
            certified.add(new MemberCertificate.Event(row.eventIdentifier(), row.aggregateIdentifier(),
                    row.sequenceNumber(), row.type(), row.timeStamp(), row.payloadType(), row.payloadRevision(),
                    row.payloadSha256(), row.metaDataSha256(), leaf, base64(row.leafHash()),
                    log.inclusionProof(leaf, treeSize).stream().map(MemberCertificates::base64).toList()));
            if (MemberErased.class.getName().equals(row.payloadType())) {
                erasure = erasure(memberId, row.eventIdentifier(), leaf);
            }
        }
        return Optional.of(new MemberCertificate(MemberCertificate.FORMAT, memberId, clock.instant(),
                log.verifierKey(), treeSize, checkpoint.cosignedNote(), certified,
                receipts.signedReceipts(memberId), erasure));
    }

    private MemberCertificate.Erasure erasure(UUID memberId, String eventId, long leaf) {
        // the receipt's read model follows the event within moments; the event alone still proves the erasure
        return queries.query(new FindErasureOf(memberId), ResponseTypes.instanceOf(Receipts.class)).join().entries()
                .stream().findFirst()
                .map(r -> new MemberCertificate.Erasure(eventId, leaf, r.ground(), r.erasedAt(), r.actorPrincipal(),
                        r.actorRole(), r.automatic()))
                .orElse(new MemberCertificate.Erasure(eventId, leaf, null, null, null, null, false));
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
