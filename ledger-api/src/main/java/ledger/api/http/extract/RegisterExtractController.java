package ledger.api.http.extract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.extract.RegisterExtract;
import ledger.api.application.extract.RegisterExtracts;
import ledger.api.application.reading.ReadAudit;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Negotiation;

/** GDPR Art. 15 and 20: the register extract, as JSON or as an HTML page; issuing it is recorded. */
@RestController
@Tag(name = "Register extract")
@RequestMapping("/api/v1/members")
class RegisterExtractController {

    static final MediaType PDF = MediaType.APPLICATION_PDF;

    private final RegisterExtracts extracts;

    RegisterExtractController(RegisterExtracts extracts) {
        this.extracts = extracts;
    }

    /** JSON by default; {@code text/html} the readable page, {@code application/pdf} the same page as PDF. */
    @Operation(
            summary = "Issue a register extract",
            description = "The register extract as JSON, HTML (Accept: text/html, the member's readable "
                    + "copy) or PDF (Accept: application/pdf, the same page); issuing it is recorded, and so is "
                    + "the read.")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @GetMapping(path = "/{memberId}/register-extract", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_PDF_VALUE})
    ResponseEntity<?> extract(@PathVariable UUID memberId,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        RegisterExtracts.Format format = Negotiation.prefers(accept, PDF) && !Negotiation.prefers(accept, MediaType.TEXT_HTML)
                ? RegisterExtracts.Format.PDF
                : Negotiation.prefers(accept, MediaType.TEXT_HTML) ? RegisterExtracts.Format.HTML
                : RegisterExtracts.Format.JSON;
        RegisterExtract extract = extracts.issue(memberId, purpose, format, Callers.current());
        return switch (format) {
            case HTML -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(extracts.html(extract, true));
            case PDF -> ResponseEntity.ok().contentType(PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "inline; filename=\"register-extract-" + memberId + ".pdf\"")
                    .body(extracts.pdf(extract));
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "inline; filename=\"register-extract-" + memberId + ".json\"")
                    .body(extract);
        };
    }
}
