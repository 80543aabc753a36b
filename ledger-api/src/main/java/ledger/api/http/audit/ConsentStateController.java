package ledger.api.http.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.consent.ConsentDocuments;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.ConsentTrails;
import ledger.core.consent.FindMembersToReconsent;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticeRefusals.NoSuchNotice;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.notice.Reconsent;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.member.MemberViewProjection.MembersToReconsent;

/**
 * Consent as evidence: a consent's record and the member's receipt (PORTAL, DPM, AUDITOR), the
 * consent to a purpose at any moment and the members who must consent again (AUDITOR, DPM). Read
 * from the stored events, not from a read model: what the answers cite is what the log covers.
 */
@RestController
@Tag(name = "Consent evidence")
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsentStateController {

    /** The members whose consent rests on an older notice, one page of them. */
    record ReconsentPage(String notice, Set<String> purposes, List<UUID> memberIds, String nextCursor) {
    }

    private final ConsentTrails trails;
    private final ConsentDocuments documents;
    private final NoticeRegistry notices;
    private final PurposeCatalog purposes;
    private final QueryGateway queries;
    private final PageLimit pageLimit;
    private final Clock clock;

    ConsentStateController(ConsentTrails trails, ConsentDocuments documents, NoticeRegistry notices,
                           PurposeCatalog purposes, QueryGateway queries, PageLimit pageLimit, Clock clock) {
        this.trails = trails;
        this.documents = documents;
        this.notices = notices;
        this.purposes = purposes;
        this.queries = queries;
        this.pageLimit = pageLimit;
        this.clock = clock;
    }

    /** Did the member consent to the purpose at {@code at} (default: now), under which notice, proven by which events. */
    @Operation(
            summary = "Read the consent at a moment",
            description = "Whether the member consented to the purpose at the moment (default now), under "
                    + "which notice and since when, with the stored events that show it and their leaves.")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping("/consent-state")
    ConsentDocuments.ConsentStateAt consentState(@RequestParam UUID memberId, @RequestParam String purpose,
                                                 @RequestParam(required = false) String at) {
        if (!purposes.knows(purpose)) {
            throw new PurposeCatalog.UnknownPurpose(purpose);
        }
        Instant moment = at == null ? clock.instant() : InvalidParameter.instant("at", at);
        MemberId member = MemberId.of(memberId);
        return documents.state(member, purpose, moment, trails.of(member));
    }

    /**
     * Active members whose granted consent to a purpose rests on a version older than {@code notice}
     * whose terms for that purpose (description, legal basis, recipients) differ, or on a version
     * nobody registered; in member-id order, paged by cursor.
     */
    @Operation(
            summary = "List members to consent again",
            description = "Active members whose granted consent to a purpose rests on an older notice that "
                    + "described the purpose otherwise (description, legal basis, recipients), or on an "
                    + "unregistered version; paged.")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping("/reconsent")
    ReconsentPage reconsent(@RequestParam String notice, @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        if (!NoticeVersion.isValid(notice)) {
            throw new InvalidParameter("notice", "notice must be a notice version");
        }
        int size = pageLimit.of(limit);
        UUID after = Cursor.decodeId(cursor);
        Reconsent rules = new Reconsent(notices.all());
        PrivacyNotice target = rules.find(NoticeVersion.of(notice)).orElseThrow(NoSuchNotice::new);
        Map<String, Set<String>> upToDate = rules.upToDate(target);
        List<UUID> members = queries.query(new FindMembersToReconsent(upToDate, after, size),
                ResponseTypes.instanceOf(MembersToReconsent.class)).join().memberIds();
        String next = members.size() < size ? null : Cursor.afterId(members.get(members.size() - 1));
        return new ReconsentPage(notice, rules.changedPurposes(target), members, next);
    }
}
