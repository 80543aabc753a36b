package ledger.api.http.erasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ledger.core.member.FindErasures;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;

/** DPM: every erasure, manual or automatic, with ground and time; no personal data. */
@RestController
@RequestMapping(path = "/api/v1/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasuresController {

    record Receipt(UUID subjectId, String subjectType, String ground, Instant erasedAt, String erasedBy,
                   String role, boolean automatic, boolean keyShredded) {
    }

    private final QueryGateway queries;
    private final PageLimit pageLimit;

    ErasuresController(QueryGateway queries, PageLimit pageLimit) {
        this.queries = queries;
        this.pageLimit = pageLimit;
    }

    @GetMapping
    List<Receipt> erasures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) Integer limit) {
        FindErasures query = new FindErasures(InvalidParameter.instant("from", from), InvalidParameter.instant("to", to),
                pageLimit.of(limit));
        return queries.query(query, ResponseTypes.instanceOf(Receipts.class))
                .join().entries().stream()
                .map(r -> new Receipt(r.subjectId(), r.subjectType(), r.ground(), r.erasedAt(), r.actorPrincipal(),
                        r.actorRole(), r.automatic(), true))
                .toList();
    }


}
