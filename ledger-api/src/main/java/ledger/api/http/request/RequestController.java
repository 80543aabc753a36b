package ledger.api.http.request;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.api.http.support.ReceivedInstant;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.MemberId;
import ledger.core.request.CompleteRequest;
import ledger.core.request.ExtendRequest;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequests;
import ledger.core.request.RecordRequest;
import ledger.core.request.RequestDeadline;
import ledger.core.request.RequestId;
import ledger.core.request.RequestStatus;
import ledger.core.request.RequestType;
import ledger.projections.request.RequestProjection.Requests;
import ledger.projections.request.RequestRow;

/** DPM: data-subject requests with their Art. 12(3) deadlines. */
@RestController
@RequestMapping(path = "/api/v1/requests", produces = MediaType.APPLICATION_JSON_VALUE)
class RequestController {

    record NewRequest(@NotNull UUID memberId, @NotNull RequestType type, @NotNull @ReceivedInstant Instant receivedAt) {
    }

    record Extension(@NotNull UUID memberId, @Min(1) @Max(2) int months,
                     @NotBlank @Size(max = 1000) @Pattern(regexp = Fields.PRINTABLE) String reason) {
    }

    record Completion(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z]+") String resultingEventType,
                      @PositiveOrZero long resultingEventSeq) {
    }

    record Request(UUID requestId, UUID memberId, String type, Instant receivedAt, Instant dueAt, boolean extended,
                   RequestStatus status, Instant completedAt, String resultingEventType, Long resultingEventSeq) {
    }

    record Due(UUID requestId, Instant dueAt) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final PageLimit pageLimit;

    RequestController(CommandGateway commands, QueryGateway queries, Clock clock, PageLimit pageLimit) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.pageLimit = pageLimit;
    }

    @ReplayableAnswer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Due> record(@Valid @RequestBody NewRequest request) {
        RequestId id = RequestId.random();
        commands.sendAndWait(new RecordRequest(id, MemberId.of(request.memberId()), request.type(),
                request.receivedAt(), Callers.current()));
        Instant due = RequestDeadline.initial(request.receivedAt());
        return ResponseEntity.created(URI.create("/api/v1/requests/" + id)).body(new Due(id.value(), due));
    }

    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
    Due extend(@PathVariable UUID requestId, @Valid @RequestBody Extension extension) {
        Instant due = commands.sendAndWait(new ExtendRequest(RequestId.of(requestId), MemberId.of(extension.memberId()),
                extension.months(), extension.reason(), Callers.current()));
        return new Due(requestId, due);
    }

    @ReplayableAnswer
    @PostMapping(path = "/{requestId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> complete(@PathVariable UUID requestId, @Valid @RequestBody Completion completion) {
        commands.sendAndWait(new CompleteRequest(RequestId.of(requestId), completion.resultingEventType(),
                completion.resultingEventSeq(), Callers.current()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<Request> list(@RequestParam(defaultValue = "open") String status,
                       @RequestParam(required = false) Integer limit) {
        RequestStatus wanted = Arrays.stream(RequestStatus.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(status)).findFirst()
                .orElseThrow(() -> new InvalidParameter("status", "status must be open, overdue or completed"));
        Instant now = clock.instant();
        return queries.query(new FindRequests(wanted, now, pageLimit.of(limit)), ResponseTypes.instanceOf(Requests.class))
                .join()
                .entries().stream().map(r -> view(r, now)).toList();
    }

    @GetMapping("/{requestId}")
    Request one(@PathVariable UUID requestId) {
        Instant now = clock.instant();
        return queries.query(new FindRequest(RequestId.of(requestId)), ResponseTypes.optionalInstanceOf(RequestRow.class))
                .join().map(r -> view(r, now))
                .orElseThrow(() -> ApiProblem.notFound("unknown-request", "no such request"));
    }

    private static Request view(RequestRow row, Instant now) {
        return new Request(row.requestId(), row.memberId(), row.type(), row.receivedAt(), row.dueAt(), row.extended(),
                RequestStatus.of(row.dueAt(), row.completedAt(), now), row.completedAt(), row.resultType(),
                row.resultSeq());
    }
}
