package ledger.api.http.consent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.consent.ConsentDocuments;
import ledger.api.application.consent.ReceiptSigner;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Negotiation;
import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.member.MemberId;

/**
 * Consent as evidence: a consent's record and the member's receipt (PORTAL, DPM, AUDITOR), the
 * consent to a purpose at any moment and the members who must consent again (AUDITOR, DPM). Read
 * from the stored events, not from a read model: what the answers cite is what the log covers.
 */
@RestController
@Tag(name = "Consent evidence")
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsentEvidenceController {

    /** A compact JWS (RFC 7515 section 9.2.1). */
    static final String JOSE = "application/jose";

    private final ConsentTrails trails;
    private final ConsentDocuments documents;
    private final ReceiptSigner signer;
    private final ObjectMapper json;

    ConsentEvidenceController(ConsentTrails trails, ConsentDocuments documents, ReceiptSigner signer, ObjectMapper json) {
        this.trails = trails;
        this.documents = documents;
        this.signer = signer;
        this.json = json;
    }

    /** The consent's ISO/IEC TS 27560-shaped record, with every event of its life. */
    @Operation(
            summary = "Read a consent record",
            description = "The consent as an ISO/IEC TS 27560-shaped record with every event of its life and "
                    + "their leaves.")
    @RolesAllowed({Roles.PORTAL, Roles.DPM, Roles.AUDITOR})
    @GetMapping("/members/{memberId}/consents/{consentId}")
    ConsentDocuments.ConsentRecord consentRecord(@PathVariable UUID memberId, @PathVariable UUID consentId) {
        MemberId member = MemberId.of(memberId);
        return documents.record(member, lifecycle(trails.of(member), consentId));
    }

    /**
     * The member's Kantara consent receipt: JSON, or with {@code Accept: application/jose} the same
     * JSON as the payload of a compact JWS signed with the ledger's Ed25519 key. 410 once the member
     * is erased: there is no one left to give it to.
     */
    @Operation(
            summary = "Read a consent receipt",
            description = "The member's Kantara Consent Receipt 1.1 as JSON, or with Accept: "
                    + "application/jose as a compact JWS signed with the ledger's Ed25519 key (RFC 8037); 410 "
                    + "after erasure.")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "410", ref = "Gone")
    @RolesAllowed({Roles.PORTAL, Roles.DPM, Roles.AUDITOR})
    @GetMapping(path = "/members/{memberId}/consents/{consentId}/receipt",
            produces = {MediaType.APPLICATION_JSON_VALUE, JOSE})
    ResponseEntity<?> receipt(@PathVariable UUID memberId, @PathVariable UUID consentId,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        MemberId member = MemberId.of(memberId);
        ConsentTrail trail = trails.of(member);
        if (trail.erased()) {
            throw new ApiProblem(HttpStatus.GONE, "consent-receipt-gone",
                    "the member has been erased: consent receipts are no longer given", null);
        }
        ConsentDocuments.Receipt receipt = documents.receipt(member, lifecycle(trail, consentId));
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is plain JSON", e);
        }
        if (Negotiation.prefers(accept, MediaType.parseMediaType(JOSE))) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(JOSE))
                    .body(signer.compactJws(payload).getBytes(StandardCharsets.US_ASCII));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(payload);
    }

    private static ConsentTrail.Lifecycle lifecycle(ConsentTrail trail, UUID consentId) {
        return trail.lifecycle(consentId).orElseThrow(() -> ApiProblem.notFound("unknown-consent",
                "the member gave no consent with this id"));
    }
}
