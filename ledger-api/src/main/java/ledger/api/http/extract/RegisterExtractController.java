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

import ledger.api.infrastructure.persistence.ReadAudit;
import ledger.api.http.support.Negotiation;

/** GDPR Art. 15 and 20: the register extract, as JSON or as an HTML page; issuing it is recorded. */
@RestController
@RequestMapping("/api/v1/members")
class RegisterExtractController {

    static final MediaType PDF = MediaType.APPLICATION_PDF;

    private final RegisterExtracts extracts;

    RegisterExtractController(RegisterExtracts extracts) {
        this.extracts = extracts;
    }

    /** JSON by default; {@code text/html} the readable page, {@code application/pdf} the same page as PDF. */
    @GetMapping(path = "/{memberId}/register-extract", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_PDF_VALUE})
    ResponseEntity<?> extract(@PathVariable UUID memberId,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        RegisterExtracts.Format format = Negotiation.prefers(accept, PDF) && !Negotiation.prefers(accept, MediaType.TEXT_HTML)
                ? RegisterExtracts.Format.PDF
                : Negotiation.prefers(accept, MediaType.TEXT_HTML) ? RegisterExtracts.Format.HTML
                : RegisterExtracts.Format.JSON;
        RegisterExtract extract = extracts.issue(memberId, purpose, format);
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
