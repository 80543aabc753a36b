package ledger.api.http.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.http.security.Roles;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindAudience;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.consent.ConsentHistoryProjection.Audience;

/**
 * Who may receive this mailing now: {@code GET /api/v1/purposes/{purpose}/audience?at=} pages the ids of
 * the members whose consent to the purpose is granted at that moment (default now), in member-id
 * order (PORTAL, DPM). From the consent history: a withdrawal, an objection and an erasure end a
 * consent at their moment.
 */
@RestController
@Tag(name = "Consent evidence")
@RequestMapping(path = "/api/v1/purposes", produces = MediaType.APPLICATION_JSON_VALUE)
class AudienceController {

    record AudiencePage(String purpose, Instant at, List<UUID> memberIds, String nextCursor) {
    }

    private final QueryGateway queries;
    private final PurposeCatalog purposes;
    private final PageLimit pageLimit;
    private final Clock clock;

    AudienceController(QueryGateway queries, PurposeCatalog purposes, PageLimit pageLimit, Clock clock) {
        this.queries = queries;
        this.purposes = purposes;
        this.pageLimit = pageLimit;
        this.clock = clock;
    }

    @Operation(
            summary = "List who consents to a purpose",
            description = "The ids of the members whose consent to the purpose is granted at the moment at "
                    + "(default now): who may receive a mailing. Paged by cursor in id order. The portal and the "
                    + "DPM.")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @GetMapping("/{purpose}/audience")
    AudiencePage audience(@PathVariable String purpose, @RequestParam(required = false) String at,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        if (!purposes.knows(purpose)) {
            throw new PurposeCatalog.UnknownPurpose(purpose);
        }
        Instant moment = at == null ? clock.instant() : InvalidParameter.instant("at", at);
        int size = pageLimit.of(limit);
        List<UUID> members = queries.query(new FindAudience(purpose, moment, Cursor.decodeId(cursor), size),
                ResponseTypes.instanceOf(Audience.class)).join().memberIds();
        String next = members.size() < size ? null : Cursor.afterId(members.get(members.size() - 1));
        return new AudiencePage(purpose, moment, members, next);
    }
}
