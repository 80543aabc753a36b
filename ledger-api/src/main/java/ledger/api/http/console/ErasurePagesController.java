package ledger.api.http.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Csv;
import ledger.api.http.support.PageLimit;
import ledger.core.member.FindErasures;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;
import ledger.projections.erasure.ErasureReceiptRow;

/** The DPM: every erasure receipt (no personal data), filtered by date, and their export as CSV. */
@Controller
class ErasurePagesController {

    private final QueryGateway queries;
    private final PageLimit pageLimit;

    ErasurePagesController(QueryGateway queries, PageLimit pageLimit) {
        this.queries = queries;
        this.pageLimit = pageLimit;
    }

    @GetMapping("/console/erasures")
    String erasures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    Model model) {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("receipts", receipts(from, to));
        model.addAttribute("fmt", new Readable());
        return "console/erasures";
    }

    @GetMapping("/console/erasures/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<Object[]> rows = receipts(from, to).stream().map(r -> new Object[] {r.subjectId(), r.subjectType(),
                r.ground(), r.erasedAt(), r.actorPrincipal(), r.actorRole(), r.automatic(), true}).toList();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"erasure-receipts.csv\"")
                .body(Csv.table(List.of("subject_id", "subject_type", "ground", "erased_at", "erased_by", "role",
                        "automatic", "key_shredded"), rows));
    }

    private List<ErasureReceiptRow> receipts(String from, String to) {
        return queries.query(new FindErasures(day(from, "from", 0), day(to, "to", 1), pageLimit.maxLimit()),
                ResponseTypes.instanceOf(Receipts.class)).join().entries();
    }

    private static java.time.Instant day(String value, String name, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1970 || date.getYear() > 9999) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return date.plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-date",
                    "the date '" + name + "' must be a date (YYYY-MM-DD) between 1970 and 9999", name);
        }
    }
}
