package ledger.api.application.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.EraseMember;
import ledger.core.member.ErasureDeferral;
import ledger.core.member.ErasureOutcome;
import ledger.core.member.ErasureReceipt;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.ErasureDeferredByLegalHold;
import ledger.core.member.PlaceLegalHold;
import ledger.core.member.ReleaseLegalHold;
import ledger.core.shared.Actor;

/**
 * The DPM's erasure and legal holds, shared by the API and the console so both send the same
 * commands with the same defaults; the acting caller is the adapter's (the signed-in one).
 */
@Component
public class MemberErasures {

    public record Receipt(UUID memberId, ErasureGround ground, Instant erasedAt, boolean keyShredded,
                   boolean projectionsPurged, ErasureEvidence evidence) {
    }

    /**
     * What proves the erasure is recorded (docs/verifiable-ledger.md): the MemberErased event's leaf,
     * a signed checkpoint (C2SP signed note) whose tree includes it, and the RFC 9162 inclusion proof
     * of the leaf in that tree (hashes base64). Checkable with the ledger's public key alone.
     */
    public record ErasureEvidence(String eventId, long leafIndex, String leafHash, long treeSize, String checkpoint,
                           List<String> inclusionProof) {
    }

    /** The hold's id and the date it is to be reviewed by. */
    public record Placed(UUID holdId, LocalDate reviewBy) {
    }

    /** The erasure's leaf is appended after commit, normally within a fraction of a second. */
    private static final Duration EVIDENCE_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final TransparencyLog log;
    private final Clock clock;
    private final Period reviewAfter;

    MemberErasures(CommandGateway commands, TransparencyLog log, Clock clock, LedgerProperties properties) {
        this.commands = commands;
        this.log = log;
        this.clock = clock;
        this.reviewAfter = properties.legalHolds().reviewAfter();
    }

    /** The receipt; a standing hold records the erasure as deferred and refuses (409 {@code legal-hold}). */
    public Receipt erase(UUID memberId, ErasureGround ground, Actor caller) {
        ErasureOutcome outcome = commands.sendAndWait(EraseMember.manual(MemberId.of(memberId), ground, caller));
        if (outcome instanceof ErasureDeferral deferral) {
            throw new ErasureDeferredByLegalHold(deferral.holds());
        }
        ErasureReceipt receipt = (ErasureReceipt) outcome;
        ErasureEvidence evidence = log.evidenceOfLast(memberId.toString(), MemberErased.class,
                EVIDENCE_WAIT).map(MemberErasures::evidence).orElse(null);
        return new Receipt(receipt.memberId().value(), receipt.ground(), receipt.erasedAt(), true,
                true, evidence);
    }

    private static ErasureEvidence evidence(TransparencyLog.Evidence evidence) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new ErasureEvidence(evidence.leaf().eventId(), evidence.leaf().index(),
                base64.encodeToString(evidence.leaf().leafHash()), evidence.checkpoint().treeSize(),
                evidence.checkpoint().note(), evidence.inclusionProof().stream().map(base64::encodeToString).toList());
    }

    /** Places a hold; without {@code reviewBy} it is to be reviewed {@code ledger.legal-holds.review-after} from today. */
    public Placed placeHold(UUID memberId, LegalHoldGround ground, String reason, LocalDate reviewBy, Actor caller) {
        UUID holdId = UUID.randomUUID();
        LocalDate review = reviewBy != null ? reviewBy : LocalDate.now(clock.withZone(ZoneOffset.UTC)).plus(reviewAfter);
        commands.sendAndWait(new PlaceLegalHold(MemberId.of(memberId), holdId, ground, reason, review,
                caller));
        return new Placed(holdId, review);
    }

    public void releaseHold(UUID memberId, UUID holdId, Actor caller) {
        commands.sendAndWait(new ReleaseLegalHold(MemberId.of(memberId), holdId, caller));
    }
}
