package ledger.api.http.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Csv;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.Negotiation;
import ledger.core.consent.FindConsentStates;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.consent.ConsentHistoryProjection.ConsentStates;
import ledger.projections.consent.ConsentHistoryProjection.LastConsentEvent;

/**
 * The regulator's first question after a marketing complaint: did each recipient of that mailing consent
 * at that moment? {@code POST /api/v1/audit/campaigns} (AUDITOR, DPM) answers for up to 10,000 member ids
 * at once, each with the consent and notice it rests on and the event that proves it (its leaf in the
 * verifiable ledger); {@code Accept: text/csv} gives the same as CSV. Members the ledger never saw are
 * {@code unknown}.
 */
@RestController
@Tag(name = "Consent evidence")
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignAuditController {

    static final int MAX_MEMBERS = 10_000;
    private static final List<String> CSV_HEADER = List.of("memberId", "status", "granted", "consentId",
            "noticeVersion", "noticeSha256", "eventId", "leafIndex");

    record Campaign(@NotBlank @Size(max = 64) String purpose, @NotNull Instant at,
                    @NotEmpty @Size(max = MAX_MEMBERS) List<@NotNull UUID> memberIds) {
    }

    record Evidence(String eventId, Long leafIndex) {
    }

    record MemberAnswer(UUID memberId, String status, boolean granted, UUID consentId, String noticeVersion,
                        String noticeSha256, List<Evidence> evidence) {
    }

    record Summary(int granted, int notGranted, int unknown) {
    }

    record CampaignAudit(String purpose, Instant at, Summary summary, List<MemberAnswer> members) {
    }

    private final QueryGateway queries;
    private final PurposeCatalog purposes;
    private final TransparencyLog log;

    CampaignAuditController(QueryGateway queries, PurposeCatalog purposes, TransparencyLog log) {
        this.queries = queries;
        this.purposes = purposes;
        this.log = log;
    }

    @Operation(
            summary = "Audit a campaign",
            description = "For up to 10,000 recipients of a mailing: did each consent to the purpose at that "
                    + "moment, under which notice, proven by which event (and its leaf); a summary of granted, "
                    + "not granted and unknown. Accept: text/csv gives CSV (the summary in X-Summary-* headers). "
                    + "Auditors and the DPM.")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @PostMapping(path = "/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
    ResponseEntity<?> audit(@Valid @RequestBody Campaign campaign,
                            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!purposes.knows(campaign.purpose())) {
            throw new PurposeCatalog.UnknownPurpose(campaign.purpose());
        }
        if (!campaign.at().isBefore(InvalidParameter.END) || campaign.at().isBefore(InvalidParameter.EARLIEST)) {
            throw new InvalidParameter("at", "at lies within the years 1970 to 9999");
        }
        List<UUID> members = new ArrayList<>(new LinkedHashSet<>(campaign.memberIds()));
        ConsentStates states = queries.query(new FindConsentStates(campaign.purpose(), campaign.at(), members),
                ResponseTypes.instanceOf(ConsentStates.class)).join();
        Map<UUID, LastConsentEvent> last = new HashMap<>();
        states.last().forEach(event -> last.put(event.memberId(), event));
        Set<UUID> known = new HashSet<>(states.known());
        Map<String, Long> leaves = log.leafIndexes(states.last().stream().map(LastConsentEvent::eventId)
                .filter(id -> id != null).toList());

        List<MemberAnswer> answers = new ArrayList<>(members.size());
        int granted = 0;
        int unknown = 0;
        for (UUID member : members) {
            LastConsentEvent event = last.get(member);
            if (!known.contains(member) && event == null) {
                unknown++;
                answers.add(new MemberAnswer(member, "unknown", false, null, null, null, List.of()));
                continue;
            }
            boolean yes = event != null && "GIVEN".equals(event.type());
            granted += yes ? 1 : 0;
            List<Evidence> evidence = event == null || event.eventId() == null ? List.of()
                    : List.of(new Evidence(event.eventId(), leaves.get(event.eventId())));
            answers.add(new MemberAnswer(member, yes ? "granted" : "not-granted", yes,
                    yes ? event.consentId() : null, yes ? event.policyVersion() : null,
                    yes ? event.noticeSha256() : null, evidence));
        }
        CampaignAudit audit = new CampaignAudit(campaign.purpose(), campaign.at(),
                new Summary(granted, members.size() - granted - unknown, unknown), answers);
        if (!Negotiation.prefers(accept, MediaType.parseMediaType(Csv.MEDIA_TYPE))) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(audit);
        }
        byte[] csv = Csv.table(CSV_HEADER, answers.stream().map(a -> new Object[] {a.memberId(), a.status(),
                a.granted(), a.consentId(), a.noticeVersion(), a.noticeSha256(),
                a.evidence().isEmpty() ? null : a.evidence().get(0).eventId(),
                a.evidence().isEmpty() ? null : a.evidence().get(0).leafIndex()}).toList());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-audit.csv\"")
                .header("X-Summary-Granted", Integer.toString(audit.summary().granted()))
                .header("X-Summary-Not-Granted", Integer.toString(audit.summary().notGranted()))
                .header("X-Summary-Unknown", Integer.toString(audit.summary().unknown()))
                .body(csv);
    }
}
