package ledger.api.http.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.reading.ReadYourWrites;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Csv;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.Negotiation;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindConsentEvents;
import ledger.core.consent.FindMemberConsents;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.consent.ConsentHistoryProjection.ConsentEvents;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.consent.ConsentHistoryRow;
import ledger.projections.history.ConsentEntry;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;

/** What auditors read: consent history per member and across members, and a member's trail. */
@RestController
@Tag(name = "Audit")
@RequestMapping("/api/v1")
class HistoryController {

    private static final List<String> CSV_HEADER = List.of("member_id", "seq", "type", "purpose", "policy_version",
            "channel", "at", "actor_principal", "actor_role", "notice_sha256", "acting_user");

    record HistoryEntry(long seq, String type, Instant at, Actor actor, JsonNode details) {
    }

    /** {@code eventId}: the stored event, whose leaf and inclusion proof are at /api/v1/ledger. */
    record ConsentEvent(UUID memberId, long seq, String type, String purpose, String policyVersion,
                        String noticeSha256, String channel, Instant at, Actor actor, String eventId) {
    }

    record ConsentPage(List<ConsentEvent> entries, String nextCursor) {
    }

    private final QueryGateway queries;
    private final ReadYourWrites reads;
    private final ObjectMapper json;
    private final PageLimit pageLimit;

    HistoryController(QueryGateway queries, ReadYourWrites reads, ObjectMapper json, PageLimit pageLimit) {
        this.queries = queries;
        this.reads = reads;
        this.json = json;
        this.pageLimit = pageLimit;
    }

    @Operation(
            summary = "Read a member's consent history",
            description = "Every consent event of the member in order (auditors, and the DPM answering a "
                    + "request).")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping(path = "/members/{memberId}/consent-history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ConsentEntry> consentHistory(@PathVariable UUID memberId) {
        MemberId id = MemberId.of(memberId);
        return reads.read(id, () -> Optional.of(queries.query(new FindMemberConsents(id),
                ResponseTypes.instanceOf(MemberConsents.class)).join()), MemberConsents::version).entries();
    }

    @Operation(
            summary = "Read a member's event trail",
            description = "Every event of the member: type, time, actor, sequence number (which a request's "
                    + "completion links); personal fields masked; survives erasure. Auditors and the DPM.")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping(path = "/members/{memberId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<HistoryEntry> memberHistory(@PathVariable UUID memberId) {
        return trail(MemberId.of(memberId)).entries().stream()
                .map(row -> new HistoryEntry(row.seq(), row.type(), row.at(),
                        new Actor(row.actorPrincipal(), row.actorRole(), row.actingUser()), parse(row.details())))
                .toList();
    }

    private MemberTrail trail(MemberId id) {
        return reads.read(id, () -> Optional.of(queries.query(new FindMemberHistory(id),
                ResponseTypes.instanceOf(MemberTrail.class)).join()), MemberTrail::version);
    }

    /** JSON by default; {@code Accept: text/csv} gives the same page as CSV (cursor in X-Next-Cursor). */
    @Operation(
            summary = "List consent events",
            description = "Consent events across members, paged by cursor; text/csv gives CSV.")
    @RolesAllowed(Roles.AUDITOR)
    @GetMapping(path = "/audit/consents", produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
    ResponseEntity<?> consents(@RequestParam(required = false) String purpose,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit,
                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (purpose != null && !purpose.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new InvalidParameter("purpose", "purpose must be a purpose name");
        }
        int size = pageLimit.of(limit);
        List<ConsentHistoryRow> rows = queries.query(new FindConsentEvents(purpose, InvalidParameter.instant("from", from),
                        InvalidParameter.instant("to", to), Cursor.decode(cursor), size),
                ResponseTypes.instanceOf(ConsentEvents.class)).join().entries();
        String next = rows.size() < size ? null : Cursor.after(rows.get(rows.size() - 1).id());
        if (!Negotiation.prefers(accept, MediaType.parseMediaType(Csv.MEDIA_TYPE))) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new ConsentPage(rows.stream().map(HistoryController::event).toList(), next));
        }
        byte[] csv = Csv.table(CSV_HEADER, rows.stream().map(row -> new Object[] {row.memberId(), row.seq(),
                row.type(), row.purpose(), row.policyVersion(), row.channel(), row.at(), row.actorPrincipal(),
                row.actorRole(), row.noticeSha256(), row.actingUser()}).toList());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consents.csv\"");
        if (next != null) {
            response.header("X-Next-Cursor", next);
        }
        return response.body(csv);
    }

    private static ConsentEvent event(ConsentHistoryRow row) {
        return new ConsentEvent(row.memberId(), row.seq(), row.type(), row.purpose(), row.policyVersion(),
                row.noticeSha256(), row.channel(), row.at(),
                new Actor(row.actorPrincipal(), row.actorRole(), row.actingUser()), row.eventId());
    }

    private JsonNode parse(String details) {
        try {
            return json.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history details are not JSON", e);
        }
    }

}
