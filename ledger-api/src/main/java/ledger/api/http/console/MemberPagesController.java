package ledger.api.http.console;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.application.extract.RegisterExtract;
import ledger.api.application.extract.RegisterExtracts;
import ledger.api.application.lookup.MemberLookups;
import ledger.api.application.member.MemberReading;
import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.core.consent.FindMemberConsents;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.FindMember;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberId;
import ledger.core.member.Usernames;
import ledger.core.request.RequestType;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;
import ledger.projections.member.MemberView;

/**
 * The DPM: member lookup, the member's page (consents, history, accesses, holds), the register
 * extract, legal holds and erasure. Every read of personal data asks for its purpose first and is
 * recorded in the read audit before the page is rendered.
 */
@Controller
class MemberPagesController {

    private final MemberLookups lookups;

    private final QueryGateway queries;
    private final ReadAudit audit;
    private final MemberErasures erasures;
    private final RegisterExtracts extracts;
    private final ObjectMapper json;
    private final ReadYourWrites reads;
    private final MemberReading reading;

    MemberPagesController(QueryGateway queries, ReadAudit audit, MemberErasures erasures,
                          RegisterExtracts extracts, ObjectMapper json, ReadYourWrites reads, MemberLookups lookups, MemberReading reading) {
        this.reading = reading;
        this.lookups = lookups;
        this.reads = reads;
        this.queries = queries;
        this.audit = audit;
        this.erasures = erasures;
        this.extracts = extracts;
        this.json = json;
    }

    @GetMapping("/console/members")
    String lookupPage(@RequestParam(required = false) String q, Model model) {
        // an id in the address (links from the dashboard) is not personal data; usernames are posted
        if (q != null && !q.isBlank()) {
            try {
                UUID id = UUID.fromString(q.strip());
                if (find(id).isPresent()) {
                    return "redirect:/console/members/" + id;
                }
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", "Give a member id or an exact username.");
                return "console/members";
            }
            model.addAttribute("error", "No member has this id or username.");
        }
        return "console/members";
    }

    /**
     * By member id, e-mail address (current or earlier) or exact username; posted, so neither lands in an
     * address or a log. E-mail and username go through the blind index and are recorded in the read audit.
     */
    @PostMapping("/console/members/lookup")
    String lookup(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip();
        List<UUID> found = List.of();
        try {
            UUID id = UUID.fromString(query);
            found = find(id).map(MemberView::memberId).stream().toList();
        } catch (IllegalArgumentException notAnId) {
            if (query.contains("@") && query.length() <= 254) {
                found = lookups.byEmail(query, Callers.current(), MemberLookups.RESOURCE);
            } else if (Usernames.valid(query)) {
                found = lookups.byUsername(query, Callers.current(), MemberLookups.RESOURCE);
            }
        }
        if (found.isEmpty()) {
            model.addAttribute("error", "No member has this id, e-mail address or username.");
            return "console/members";
        }
        if (found.size() > 1) {
            model.addAttribute("matches", found);
            return "console/members";
        }
        return "redirect:/console/members/" + found.get(0);
    }

    @GetMapping("/console/members/{memberId}")
    String member(@PathVariable UUID memberId, @RequestParam(required = false) String purpose, Model model) {
        if (purpose == null || purpose.isBlank()) {
            return askPurpose(model, "/console/members/" + memberId, "the member's page", null);
        }
        String declared = ReadAudit.requirePurpose(purpose);
        MemberId id = MemberId.of(memberId);
        // after an action the page shows its result: wait for the read models to reflect the member's last event
        MemberView view = reading.view(id);
        var consents = reads.read(id, () -> Optional.of(queries.query(new FindMemberConsents(id),
                ResponseTypes.instanceOf(MemberConsents.class)).join()), MemberConsents::version).entries();
        var trail = reads.read(id, () -> Optional.of(queries.query(new FindMemberHistory(id),
                ResponseTypes.instanceOf(MemberTrail.class)).join()), MemberTrail::version).entries();
        // recorded before the page leaves, as the API records its reads
        audit.record(memberId, Callers.current(), declared, "console:member");
        model.addAttribute("m", view);
        model.addAttribute("consents", consents);
        model.addAttribute("trail", trail);
        model.addAttribute("accesses", audit.accessesOf(memberId));
        model.addAttribute("purpose", declared);
        model.addAttribute("holdGrounds", LegalHoldGround.values());
        model.addAttribute("erasureGrounds", Arrays.stream(ErasureGround.values())
                .filter(g -> g != ErasureGround.RESTORED_BACKUP).toList());
        model.addAttribute("requestTypes", RequestType.values());
        model.addAttribute("fmt", new Readable());
        return "console/member";
    }

    @GetMapping("/console/members/{memberId}/extract")
    Object extract(@PathVariable UUID memberId, @RequestParam(required = false) String purpose,
                   @RequestParam(defaultValue = "html") String format, Model model) throws Exception {
        RegisterExtracts.Format chosen = switch (format) {
            case "json" -> RegisterExtracts.Format.JSON;
            case "pdf" -> RegisterExtracts.Format.PDF;
            case "html" -> RegisterExtracts.Format.HTML;
            default -> throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-format",
                    "the extract is served as json, html or pdf", "format");
        };
        if (purpose == null || purpose.isBlank()) {
            return askPurpose(model, "/console/members/" + memberId + "/extract", "the register extract", format);
        }
        RegisterExtract extract = extracts.issue(memberId, purpose, chosen, Callers.current());
        String name = "register-extract-" + memberId;
        return switch (chosen) {
            case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".json\"")
                    .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(extract));
            case PDF -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".pdf\"")
                    .body(extracts.pdf(extract));
            case HTML -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(extracts.html(extract, false));
        };
    }

    @PostMapping("/console/members/{memberId}/legal-holds")
    String placeHold(@PathVariable UUID memberId, @RequestParam LegalHoldGround ground, @RequestParam String reason,
                     @RequestParam(required = false) String reviewBy, @RequestParam String purpose,
                     RedirectAttributes flash) {
        String back = page(memberId, purpose);
        if (reason.isBlank() || reason.length() > 500 || !reason.matches(Fields.PRINTABLE)) {
            return RequestPagesController.refused(flash, back, "A legal hold needs its reason (up to 500 characters).");
        }
        LocalDate review;
        try {
            review = reviewBy == null || reviewBy.isBlank() ? null : LocalDate.parse(reviewBy);
        } catch (java.time.format.DateTimeParseException e) {
            return RequestPagesController.refused(flash, back, "The review date must be a date (YYYY-MM-DD).");
        }
        if (review != null && review.getYear() > 9999) {
            return RequestPagesController.refused(flash, back, "The review date must lie before the year 10000.");
        }
        return RequestPagesController.act(flash, back, back, "The legal hold was placed.",
                () -> erasures.placeHold(memberId, ground, reason.strip(), review, Callers.current()));
    }

    @PostMapping("/console/members/{memberId}/legal-holds/{holdId}/release")
    String releaseHold(@PathVariable UUID memberId, @PathVariable UUID holdId, @RequestParam String purpose,
                       RedirectAttributes flash) {
        String back = page(memberId, purpose);
        return RequestPagesController.act(flash, back, back, "The legal hold was released.",
                () -> erasures.releaseHold(memberId, holdId, Callers.current()));
    }

    /** Erasure is final: the DPM types the member id to confirm, and names the ground. */
    @PostMapping("/console/members/{memberId}/erasure")
    String erase(@PathVariable UUID memberId, @RequestParam ErasureGround ground,
                 @RequestParam(defaultValue = "") String confirmation, @RequestParam String purpose,
                 RedirectAttributes flash, Model model) {
        String back = page(memberId, purpose);
        if (!memberId.toString().equals(confirmation.strip())) {
            return RequestPagesController.refused(flash, back,
                    "Nothing was erased: type the member id exactly to confirm the erasure.");
        }
        MemberErasures.Receipt receipt;
        try {
            receipt = erasures.erase(memberId, ground, Callers.current());
        } catch (RuntimeException e) {
            var refused = ConsoleErrors.refusal(e);
            if (refused.isEmpty()) {
                throw e;
            }
            return RequestPagesController.refused(flash, back, "The erasure was refused: " + refused.get().message());
        }
        model.addAttribute("receipt", receipt);
        model.addAttribute("fmt", new Readable());
        return "console/receipt";
    }

    private static String page(UUID memberId, String purpose) {
        String declared = ReadAudit.requirePurpose(purpose);
        return "/console/members/" + memberId + "?purpose=" + declared;
    }

    private Optional<MemberView> find(UUID memberId) {
        return queries.query(new FindMember(MemberId.of(memberId)), ResponseTypes.optionalInstanceOf(MemberView.class))
                .join();
    }

    /** The purpose prompt: the read happens only once a purpose is chosen. */
    static String askPurpose(Model model, String action, String what, String format) {
        model.addAttribute("action", action);
        model.addAttribute("what", what);
        model.addAttribute("format", format);
        return "console/purpose";
    }
}
