package ledger.api.http.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.ReplayableAnswer;
import ledger.api.infrastructure.log.TransparencyLog;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.EraseContactCase;
import ledger.core.member.EraseMember;
import ledger.core.member.ErasureDeferral;
import ledger.core.member.ErasureOutcome;
import ledger.core.member.ErasureReceipt;
import ledger.core.member.MemberRefusals.ErasureDeferredByLegalHold;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.shared.ErasureGround;

/**
 * The DPM's erasure of a member or a contact case. The command shreds the key and purges the read
 * side in one transaction, so when this answers, the receipt's {@code keyShredded} and
 * {@code projectionsPurged} are facts.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasureController {

    /** {@code reason} is accepted but not stored: free text tends to carry personal data. */
    record Erasure(@NotNull ErasureGround ground, @Size(max = 500) @Pattern(regexp = Fields.PRINTABLE) String reason) {
    }

    /** Without a body a contact case is erased on the ground that the person asked for it. */
    record CaseErasure(ErasureGround ground) {

        ErasureGround groundOrDefault() {
            return ground == null ? ErasureGround.MEMBER_REQUEST : ground;
        }
    }

    record CaseErased(UUID caseId, ErasureGround ground, Instant erasedAt, boolean keyShredded) {
    }

    record Receipt(UUID memberId, ErasureGround ground, Instant erasedAt, boolean keyShredded,
                   boolean projectionsPurged, ErasureEvidence evidence) {
    }

    /**
     * What proves the erasure is recorded (docs/verifiable-ledger.md): the MemberErased event's leaf,
     * a signed checkpoint (C2SP signed note) whose tree includes it, and the RFC 9162 inclusion proof
     * of the leaf in that tree (hashes base64). Checkable with the ledger's public key alone.
     */
    record ErasureEvidence(String eventId, long leafIndex, String leafHash, long treeSize, String checkpoint,
                           List<String> inclusionProof) {
    }

    /** The erasure's leaf is appended after commit, normally within a fraction of a second. */
    private static final Duration EVIDENCE_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final TransparencyLog log;

    ErasureController(CommandGateway commands, TransparencyLog log) {
        this.commands = commands;
        this.log = log;
    }

    /**
     * While a legal hold stands the erasure is recorded and deferred (it runs when the last hold is
     * released) and answered 409 {@code legal-hold}, naming the holds, with {@code erasureDeferred: true}.
     */
    @ReplayableAnswer
    @PostMapping(path = "/members/{memberId}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    Receipt erase(@PathVariable UUID memberId, @Valid @RequestBody Erasure request) {
        ErasureOutcome outcome = commands.sendAndWait(
                EraseMember.manual(MemberId.of(memberId), request.ground(), Callers.current()));
        if (outcome instanceof ErasureDeferral deferral) {
            throw new ErasureDeferredByLegalHold(deferral.holds());
        }
        ErasureReceipt receipt = (ErasureReceipt) outcome;
        ErasureEvidence evidence = log.evidenceOfLast(memberId.toString(), MemberErased.class, EVIDENCE_WAIT)
                .map(ErasureController::evidence).orElse(null);
        return new Receipt(receipt.memberId().value(), receipt.ground(), receipt.erasedAt(), true, true, evidence);
    }

    private static ErasureEvidence evidence(TransparencyLog.Evidence evidence) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new ErasureEvidence(evidence.leaf().eventId(), evidence.leaf().index(),
                base64.encodeToString(evidence.leaf().leafHash()), evidence.checkpoint().treeSize(),
                evidence.checkpoint().note(), evidence.inclusionProof().stream().map(base64::encodeToString).toList());
    }

    /** The same answer on repetition (the first erasure's time). */
    @ReplayableAnswer
    @PostMapping("/contact-cases/{caseId}/erasure")
    CaseErased eraseContactCase(@PathVariable UUID caseId, @RequestBody(required = false) CaseErasure request) {
        ErasureGround ground = request == null ? ErasureGround.MEMBER_REQUEST : request.groundOrDefault();
        Instant erasedAt = commands.sendAndWait(new EraseContactCase(ContactCaseId.of(caseId), ground,
                Callers.current()));
        return new CaseErased(caseId, ground, erasedAt, true);
    }
}
