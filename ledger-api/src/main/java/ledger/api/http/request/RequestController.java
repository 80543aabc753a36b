package ledger.api.http.request;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.request.RequesterContacts;
import ledger.api.application.request.VerificationCodes;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.api.http.support.ReceivedInstant;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.MemberId;
import ledger.core.request.AnswerVerificationChallenge;
import ledger.core.request.CloseRequestNoDataHeld;
import ledger.core.request.CompleteRequest;
import ledger.core.request.ExtendRequest;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.FindRequests;
import ledger.core.request.IssueVerificationChallenge;
import ledger.core.request.LinkRequest;
import ledger.core.request.RecordRequest;
import ledger.core.request.RefuseRequest;
import ledger.core.request.RequestDeadline;
import ledger.core.request.RequestFilter;
import ledger.core.request.RequestId;
import ledger.core.request.RequestStatus;
import ledger.core.request.RequestType;
import ledger.core.request.VerificationMethod;
import ledger.core.request.VerifyIdentity;
import ledger.core.shared.Actor;
import ledger.projections.request.RequestProjection.RequestTrail;
import ledger.projections.request.RequestProjection.Requests;
import ledger.projections.request.RequestRow;

/** DPM: data-subject requests (Art. 12): deadlines, identity checks, completion, refusal, trail. */
@RestController
@Tag(name = "Data subject requests")
@RequestMapping(path = "/api/v1/requests", produces = MediaType.APPLICATION_JSON_VALUE)
class RequestController {

    private static final String STATUSES = java.util.Arrays.stream(RequestFilter.values())
            .map(RequestFilter::parameter).collect(Collectors.joining(", "));

    /** A request of a member ({@code memberId}) or of anyone, by contact data ({@code requester}): exactly one. */
    record NewRequest(UUID memberId, @Valid Requester requester, @NotNull RequestType type,
                      @NotNull @ReceivedInstant Instant receivedAt) {
    }

    /** Contact data of a requester who is (not yet known as) a member: personal data, sealed under its own key. */
    record Requester(@NotBlank @Size(max = 254) @Pattern(regexp = Fields.EMAIL, message = "must be an email address")
                     String email,
                     @Size(max = 200) @Pattern(regexp = Fields.PRINTABLE) String name) {
    }

    /** The member the request turned out to be about. */
    record Link(@NotNull UUID memberId) {
    }

    /** The DPM's check ({@code method}) or, from the portal, the one-time code the signed-in member typed. */
    record Verification(VerificationMethod method, @Pattern(regexp = "[0-9]{8}", message = "8 digits") String code) {
    }

    /** A one-time code for the portal to show the signed-in member, and until when it is valid. */
    record Challenge(UUID requestId, String code, Instant expiresAt) {
    }

    /** {@code memberId}: the request's member, as a check (absent for a request of someone who is no member). */
    record Extension(UUID memberId, @Min(1) @Max(2) int months,
                     @NotBlank @Size(max = 1000) @Pattern(regexp = Fields.PRINTABLE) String reason) {
    }

    /** The member event that answered the request, or the outcome {@code NO_DATA_HELD} (a requester who is no member). */
    record Completion(@Size(max = 64) @Pattern(regexp = "[A-Za-z]+") String resultingEventType,
                      @PositiveOrZero Long resultingEventSeq,
                      @Pattern(regexp = "NO_DATA_HELD", message = "must be NO_DATA_HELD") String outcome) {
    }

    /** The reason is told to the person; it is stored encrypted under the member's key and never answered. */
    record Refusal(@NotBlank @Size(max = 1000) @Pattern(regexp = Fields.TEXT) String reason) {
    }

    record Request(UUID requestId, UUID memberId, String type, Instant receivedAt, Instant dueAt, boolean extended,
                   RequestStatus status, boolean verified, Instant verifiedAt, String verificationMethod,
                   Instant completedAt, String resultingEventType, Long resultingEventSeq, Instant answeredAt,
                   Instant refusedAt, Boolean late, Long daysLate, Actor closedBy,
                   RequesterContacts.Contact requester) {
    }

    record Due(UUID requestId, Instant dueAt) {
    }

    record Verified(UUID requestId, VerificationMethod method) {
    }

    /** Art. 12(4): the person is told of the refusal, of the right to complain and to a judicial remedy. */
    record Refused(UUID requestId, RequestStatus status, boolean late, long daysLate,
                   RecordOfProcessing.Authority complaintAuthority, String judicialRemedy) {
    }

    record TrailEntry(long seq, String type, Instant at, Actor actor, JsonNode details) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final PageLimit pageLimit;
    private final LedgerProperties properties;
    private final ObjectMapper json;
    private final VerificationCodes codes;
    private final RequesterContacts contacts;

    RequestController(CommandGateway commands, QueryGateway queries, Clock clock, PageLimit pageLimit,
                      LedgerProperties properties, ObjectMapper json, VerificationCodes codes,
                      RequesterContacts contacts) {
        this.codes = codes;
        this.contacts = contacts;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.pageLimit = pageLimit;
        this.properties = properties;
        this.json = json;
    }

    @Operation(
            summary = "Record a request",
            description = "Records a data subject's request and its deadline: a member's, or anyone's by "
                    + "contact data (sealed under the request's own key, shredded 3 years after the request "
                    + "closed).")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Due> recordRequest(@Valid @RequestBody NewRequest request) {
        RequestId id = RequestId.random();
        if ((request.memberId() == null) == (request.requester() == null)) {
            throw new InvalidParameter(request.memberId() == null ? "memberId" : "requester",
                    "give either memberId or requester");
        }
        commands.sendAndWait(new RecordRequest(id, request.memberId() == null ? null : MemberId.of(request.memberId()),
                request.type(), request.receivedAt(), Callers.current(),
                request.requester() == null ? null : request.requester().email().strip(),
                request.requester() == null ? null : request.requester().name()));
        Instant due = RequestDeadline.initial(request.receivedAt());
        return ResponseEntity.created(URI.create("/api/v1/requests/" + id)).body(new Due(id.value(), due));
    }

    /**
     * The DPM records how the requester was checked ({@code method}, e.g. for a request by letter); the portal
     * passes on the one-time code the signed-in member typed ({@code code}): 422 wrong-code (with the attempts
     * left) until the fifth wrong code locks the challenge (409 challenge-locked).
     */
    @Operation(
            summary = "Record the identity check",
            description = "Records how the requester's identity was checked; a request completes only after "
                    + "it. The DPM gives the method (e.g. for a request by letter); the portal passes on the "
                    + "one-time code the signed-in member typed: 422 wrong-code with the attempts left, the "
                    + "fifth wrong code locks the challenge (409 challenge-locked), an expired code 409 "
                    + "challenge-expired.")
    @RolesAllowed({Roles.DPM, Roles.PORTAL})
    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    Verified verifyRequest(@PathVariable UUID requestId, @Valid @RequestBody Verification verification) {
        Actor caller = Callers.current();
        boolean portal = "PORTAL".equals(caller.role());
        if ((verification.method() == null) == (verification.code() == null)) {
            throw new InvalidParameter(verification.method() == null ? "method" : "code",
                    "give either method (the DPM) or code (the portal)");
        }
        if (verification.code() != null) {
            if (!portal) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "the portal passes on a member's code", null);
            }
            AnswerVerificationChallenge.Outcome outcome = commands.sendAndWait(new AnswerVerificationChallenge(
                    RequestId.of(requestId), codes.digest(requestId, verification.code()), caller));
            if (!outcome.verified()) {
                throw new WrongCode(outcome.attemptsLeft());
            }
            return new Verified(requestId, VerificationMethod.ONE_TIME_CODE);
        }
        if (portal) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "only the DPM records a verification method", null);
        }
        commands.sendAndWait(new VerifyIdentity(RequestId.of(requestId), verification.method(), caller));
        return new Verified(requestId, verification.method());
    }

    /**
     * The DPM issues a one-time code (8 digits, valid {@code ledger.requests.verification-code-ttl}) for the
     * portal to show the signed-in member; only its keyed digest is recorded, and a new code replaces the last.
     * Not replayable: the answer holds the code, which is stored nowhere.
     */
    @Operation(
            summary = "Issue a one-time verification code",
            description = "8 digits, valid ledger.requests.verification-code-ttl (30 minutes), for the "
                    + "portal to show the signed-in member; only its keyed digest is recorded, a new code "
                    + "replaces the last. The DPM.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @RolesAllowed(Roles.DPM)
    @PostMapping(path = "/{requestId}/verification-challenge")
    ResponseEntity<Challenge> issueChallenge(@PathVariable UUID requestId) {
        String code = codes.newCode();
        Instant expires = clock.instant().plus(properties.requests().verificationCodeTtl());
        commands.sendAndWait(new IssueVerificationChallenge(RequestId.of(requestId), codes.digest(requestId, code),
                expires, Callers.current()));
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Challenge(requestId, code, expires));
    }

    /** 422 wrong-code: the attempts left before the challenge locks. */
    static final class WrongCode extends ApiProblem {
        private static final long serialVersionUID = 1L;

        WrongCode(int attemptsLeft) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "wrong-code", "the code is wrong; " + attemptsLeft
                    + " attempts left before the challenge locks", "code");
        }
    }

    @Operation(
            summary = "Extend a request's deadline",
            description = "Extends the deadline by one or two months, with the reason.")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
    Due extendRequest(@PathVariable UUID requestId, @Valid @RequestBody Extension extension) {
        Instant due = commands.sendAndWait(new ExtendRequest(RequestId.of(requestId),
                extension.memberId() == null ? null : MemberId.of(extension.memberId()),
                extension.months(), extension.reason(), Callers.current()));
        return new Due(requestId, due);
    }

    @Operation(
            summary = "Complete a request",
            description = "Links the member event that answered the request: an event of its member, of a "
                    + "type that answers its type, recorded after its receipt, not linked to another request; "
                    + "the identity must be verified. Answering events complete the oldest open request by "
                    + "themselves. {\"outcome\": \"NO_DATA_HELD\"} closes a request of someone who is no member "
                    + "(409 member-data-held for a member's).")
    @ApiResponse(responseCode = "204", description = "No content")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE, produces = {
            MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> completeRequest(@PathVariable UUID requestId, @Valid @RequestBody Completion completion) {
        if (completion.outcome() != null) {
            if (completion.resultingEventType() != null || completion.resultingEventSeq() != null) {
                throw new InvalidParameter("outcome", "give either outcome or the resulting event");
            }
            commands.sendAndWait(new CloseRequestNoDataHeld(RequestId.of(requestId), Callers.current()));
            return ResponseEntity.noContent().build();
        }
        if (completion.resultingEventType() == null || completion.resultingEventSeq() == null) {
            throw new InvalidParameter("resultingEventType", "give the resulting event (type and seq) or an outcome");
        }
        commands.sendAndWait(new CompleteRequest(RequestId.of(requestId), completion.resultingEventType(),
                completion.resultingEventSeq(), Callers.current()));
        return ResponseEntity.noContent().build();
    }

    /** The request turned out to be a member's (found e.g. by e-mail): linked, it completes like any of theirs. */
    @Operation(
            summary = "Link a request to a member",
            description = "A request received from someone known by contact data only turned out to be the "
                    + "member's (found e.g. by e-mail): from now on it completes like any of theirs. 409 "
                    + "already-linked. The DPM.")
    @ApiResponse(responseCode = "204", description = "No content")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/member", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> linkRequest(@PathVariable UUID requestId, @Valid @RequestBody Link link) {
        commands.sendAndWait(new LinkRequest(RequestId.of(requestId), MemberId.of(link.memberId()), Callers.current()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Refuse a request",
            description = "Ends the request refused with the reason told to the person; the answer names the "
                    + "supervisory authority (Art. 12(4)).")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/refusal", consumes = MediaType.APPLICATION_JSON_VALUE)
    Refused refuseRequest(@PathVariable UUID requestId, @Valid @RequestBody Refusal refusal) {
        long daysLate = commands.sendAndWait(new RefuseRequest(RequestId.of(requestId), refusal.reason(),
                Callers.current()));
        return new Refused(requestId, RequestStatus.REFUSED, daysLate > 0, daysLate,
                properties.register().supervisoryAuthority(), properties.register().judicialRemedy());
    }

    @Operation(
            summary = "List requests",
            description = "Requests and their deadlines: status open (the default), due-soon (within 7 "
                    + "days), overdue, completed or refused.")
    @RolesAllowed(Roles.DPM)
    @GetMapping
    List<Request> listRequests(@RequestParam(defaultValue = "open") String status,
                       @RequestParam(required = false) Integer limit) {
        RequestFilter filter = RequestFilter.ofParameter(status)
                .orElseThrow(() -> new InvalidParameter("status", "status must be one of: " + STATUSES));
        Instant now = clock.instant();
        return queries.query(new FindRequests(filter, now, pageLimit.of(limit)), ResponseTypes.instanceOf(Requests.class))
                .join()
                .entries().stream().map(r -> view(r, now)).toList();
    }

    /** One request; with the requester's contact data when it came from someone known by contact data only. */
    @Operation(
            summary = "Read a request",
            description = "One request and its deadline.")
    @RolesAllowed(Roles.DPM)
    @GetMapping("/{requestId}")
    Request request(@PathVariable UUID requestId) {
        Request view = view(row(RequestId.of(requestId)), clock.instant());
        return contacts.of(RequestId.of(requestId)).map(contact -> withRequester(view, contact)).orElse(view);
    }

    private static Request withRequester(Request v, RequesterContacts.Contact contact) {
        return new Request(v.requestId(), v.memberId(), v.type(), v.receivedAt(), v.dueAt(), v.extended(), v.status(),
                v.verified(), v.verifiedAt(), v.verificationMethod(), v.completedAt(), v.resultingEventType(),
                v.resultingEventSeq(), v.answeredAt(), v.refusedAt(), v.late(), v.daysLate(), v.closedBy(), contact);
    }

    /** The request's whole trail, every event in order with who and when; reasons masked. */
    @Operation(
            summary = "Read a request's trail",
            description = "Every event of the request in order, with who and when; reasons masked.")
    @RolesAllowed(Roles.DPM)
    @GetMapping("/{requestId}/history")
    List<TrailEntry> requestHistory(@PathVariable UUID requestId) {
        RequestId id = RequestId.of(requestId);
        RequestTrail trail = queries.query(new FindRequestHistory(id), ResponseTypes.instanceOf(RequestTrail.class))
                .join();
        if (trail.entries().isEmpty()) {
            row(id);
        }
        return trail.entries().stream()
                .map(e -> new TrailEntry(e.seq(), e.type(), e.at(), new Actor(e.actorPrincipal(), e.actorRole()),
                        parse(e.details())))
                .toList();
    }

    private RequestRow row(RequestId id) {
        return queries.query(new FindRequest(id), ResponseTypes.optionalInstanceOf(RequestRow.class)).join()
                .orElseThrow(() -> ApiProblem.notFound("unknown-request", "no such request"));
    }

    private static Request view(RequestRow row, Instant now) {
        Actor closedBy = row.closedByPrincipal() == null ? null : new Actor(row.closedByPrincipal(), row.closedByRole());
        return new Request(row.requestId(), row.memberId(), row.type(), row.receivedAt(), row.dueAt(), row.extended(),
                RequestStatus.of(row.dueAt(), row.completedAt(), row.refusedAt(), now), row.verifiedAt() != null,
                row.verifiedAt(), row.verificationMethod(), row.completedAt(), row.resultType(), row.resultSeq(),
                row.answeredAt(), row.refusedAt(), row.late(), row.daysLate(), closedBy, null);
    }

    private JsonNode parse(String details) {
        try {
            return json.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trail details are not JSON", e);
        }
    }
}
