package ledger.api.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.member.ReadYourWrites;
import ledger.api.web.InvalidParameter;
import ledger.api.web.Negotiation;
import ledger.core.consent.FindConsentEvents;
import ledger.core.consent.FindMemberConsents;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.MemberId;
import ledger.projections.consent.ConsentHistoryProjection.ConsentEvents;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.consent.ConsentHistoryRow;
import ledger.projections.history.ConsentEntry;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;

/** What auditors read: consent history per member and across members, and a member's trail. */
@RestController
@RequestMapping("/api/v1")
class HistoryController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String TEXT_CSV = "text/csv";

    record Actor(String principal, String role) {
    }

    record HistoryEntry(long seq, String type, Instant at, Actor actor, JsonNode details) {
    }

    record ConsentEvent(UUID memberId, long seq, String type, String purpose, String policyVersion, String channel,
                        Instant at, Actor actor) {
    }

    record ConsentPage(List<ConsentEvent> entries, String nextCursor) {
    }

    private final QueryGateway queries;
    private final ReadYourWrites reads;
    private final ObjectMapper json;

    HistoryController(QueryGateway queries, ReadYourWrites reads, ObjectMapper json) {
        this.queries = queries;
        this.reads = reads;
        this.json = json;
    }

    @GetMapping(path = "/members/{memberId}/consent-history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ConsentEntry> consentHistory(@PathVariable UUID memberId) {
        MemberId id = MemberId.of(memberId);
        return reads.read(id, () -> Optional.of(queries.query(new FindMemberConsents(id),
                ResponseTypes.instanceOf(MemberConsents.class)).join()), MemberConsents::version).entries();
    }

    @GetMapping(path = "/members/{memberId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<HistoryEntry> history(@PathVariable UUID memberId) {
        return trail(MemberId.of(memberId)).entries().stream()
                .map(row -> new HistoryEntry(row.seq(), row.type(), row.at(),
                        new Actor(row.actorPrincipal(), row.actorRole()), parse(row.details())))
                .toList();
    }

    private MemberTrail trail(MemberId id) {
        return reads.read(id, () -> Optional.of(queries.query(new FindMemberHistory(id),
                ResponseTypes.instanceOf(MemberTrail.class)).join()), MemberTrail::version);
    }

    /** JSON by default; {@code Accept: text/csv} gives the same page as CSV (cursor in X-Next-Cursor). */
    @GetMapping(path = "/audit/consents", produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    ResponseEntity<?> consents(@RequestParam(required = false) String purpose,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit,
                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<ConsentHistoryRow> rows = page(purpose, from, to, cursor, limit);
        String next = nextCursor(rows, limit);
        if (!Negotiation.prefers(accept, MediaType.parseMediaType(TEXT_CSV))) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new ConsentPage(rows.stream().map(HistoryController::event).toList(), next));
        }
        StringBuilder csv = new StringBuilder("member_id,seq,type,purpose,policy_version,channel,at,actor_principal,"
                + "actor_role\r\n");
        for (ConsentHistoryRow row : rows) {
            csv.append(Csv.line(row.memberId(), row.seq(), row.type(), row.purpose(), row.policyVersion(),
                    row.channel(), row.at(), row.actorPrincipal(), row.actorRole()));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consents.csv\"");
        if (next != null) {
            response.header("X-Next-Cursor", next);
        }
        return response.body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }


    private List<ConsentHistoryRow> page(String purpose, String from, String to, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidParameter("limit must be between 1 and " + MAX_LIMIT);
        }
        if (purpose != null && !purpose.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new InvalidParameter("purpose must be a purpose name");
        }
        Instant fromAt = InvalidParameter.instant("from", from);
        Instant toAt = InvalidParameter.instant("to", to);
        long after = cursor == null ? 0 : decode(cursor);
        return queries.query(new FindConsentEvents(purpose, fromAt, toAt, after, size),
                ResponseTypes.instanceOf(ConsentEvents.class)).join().entries();
    }

    private static String nextCursor(List<ConsentHistoryRow> rows, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (rows.size() < size) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("c1:" + rows.get(rows.size() - 1).id()).getBytes(StandardCharsets.US_ASCII));
    }

    private static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith("c1:")) {
                throw new InvalidParameter("cursor must be a cursor returned by this endpoint");
            }
            long value = Long.parseLong(text.substring(3));
            if (value < 0) {
                throw new InvalidParameter("cursor must be a cursor returned by this endpoint");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("cursor must be a cursor returned by this endpoint");
        }
    }


    private static ConsentEvent event(ConsentHistoryRow row) {
        return new ConsentEvent(row.memberId(), row.seq(), row.type(), row.purpose(), row.policyVersion(),
                row.channel(), row.at(), new Actor(row.actorPrincipal(), row.actorRole()));
    }

    private JsonNode parse(String details) {
        try {
            return json.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history details are not JSON", e);
        }
    }

}
