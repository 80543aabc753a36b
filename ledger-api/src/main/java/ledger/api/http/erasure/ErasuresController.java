package ledger.api.http.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.security.Roles;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.core.contactcase.ContactCaseErased;
import ledger.core.member.FindErasures;
import ledger.core.member.MemberErased;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;

/** DPM: every erasure, manual or automatic, with ground and time; no personal data. */
@RestController
@Tag(name = "Erasure")
@RequestMapping(path = "/api/v1/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasuresController {

    record Receipt(UUID subjectId, String subjectType, String ground, Instant erasedAt, String erasedBy,
                   String role, boolean automatic, boolean keyShredded, String eventId, Long leafIndex,
                   Long checkpointSize) {
    }

    private final QueryGateway queries;
    private final PageLimit pageLimit;
    private final TransparencyLog log;

    ErasuresController(QueryGateway queries, PageLimit pageLimit, TransparencyLog log) {
        this.queries = queries;
        this.pageLimit = pageLimit;
        this.log = log;
    }

    @Operation(
            summary = "List erasures",
            description = "Erasure receipts, without personal data.")
    @RolesAllowed(Roles.DPM)
    @GetMapping
    List<Receipt> erasures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) Integer limit) {
        FindErasures query = new FindErasures(InvalidParameter.instant("from", from), InvalidParameter.instant("to", to),
                pageLimit.of(limit));
        return queries.query(query, ResponseTypes.instanceOf(Receipts.class))
                .join().entries().stream()
                .map(this::receipt)
                .toList();
    }

    // where the erasure's event is in the verifiable ledger, as it stands (null fields until it is)
    private Receipt receipt(ledger.projections.erasure.ErasureReceiptRow r) {
        Class<?> event = "CONTACT_CASE".equals(r.subjectType()) ? ContactCaseErased.class : MemberErased.class;
        Optional<TransparencyLog.Location> location = log.locateLast(r.subjectId().toString(), event);
        return new Receipt(r.subjectId(), r.subjectType(), r.ground(), r.erasedAt(), r.actorPrincipal(),
                r.actorRole(), r.automatic(), true, location.map(TransparencyLog.Location::eventId).orElse(null),
                location.map(TransparencyLog.Location::leafIndex).orElse(null),
                location.map(TransparencyLog.Location::checkpointSize).orElse(null));
    }


}
