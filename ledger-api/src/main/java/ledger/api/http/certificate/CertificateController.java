package ledger.api.http.certificate;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.certificate.CertificateNotReady;
import ledger.api.application.certificate.MemberCertificate;
import ledger.api.application.certificate.MemberCertificates;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.ProblemResponses;

/**
 * {@code GET /api/v1/members/{memberId}/certificate}: the member's whole story as one JSON file an
 * auditor checks offline ({@code java -jar ledger.jar verify --certificate}); also after the erasure.
 */
@RestController
@Tag(name = "Ledger")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class CertificateController {

    private final MemberCertificates certificates;

    CertificateController(MemberCertificates certificates) {
        this.certificates = certificates;
    }

    @Operation(
            summary = "Issue a member's lifecycle certificate",
            description = "Every stored event of the member with its leaf and inclusion proof under the "
                    + "latest (cosigned) checkpoint, the consent receipts' JWS and the erasure receipt, as one "
                    + "JSON file to check offline (java -jar ledger.jar verify --certificate); no personal data, "
                    + "also after the erasure. 503 certificate-not-ready while a just-recorded event awaits its "
                    + "leaf. The DPM and auditors.")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping("/{memberId}/certificate")
    ResponseEntity<MemberCertificate> certificate(@PathVariable UUID memberId) {
        MemberCertificate certificate = certificates.of(memberId).orElseThrow(
                () -> ApiProblem.notFound("not-found", "the ledger holds no event of this member"));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"member-" + memberId
                        + "-certificate.json\"")
                .body(certificate);
    }

    @ExceptionHandler(CertificateNotReady.class)
    ResponseEntity<Object> notReady(CertificateNotReady e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "certificate-not-ready",
                        "Certificate not ready", "an event of the member is not in the log yet; ask again shortly"));
    }
}
