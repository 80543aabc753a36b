package ledger.api.http.console;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.core.member.MemberId;
import ledger.core.request.CompleteRequest;
import ledger.core.request.ExtendRequest;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.RecordRequest;
import ledger.core.request.RefuseRequest;
import ledger.core.request.RequestId;
import ledger.core.request.RequestStatus;
import ledger.core.request.RequestType;
import ledger.core.request.VerificationMethod;
import ledger.core.request.VerifyIdentity;
import ledger.projections.request.RequestProjection.RequestTrail;
import ledger.projections.request.RequestRow;

/** The DPM: a data-subject request with its timeline, and the actions the API offers on it. */
@Controller
class RequestPagesController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final org.axonframework.eventsourcing.eventstore.EventStore events;

    RequestPagesController(CommandGateway commands, QueryGateway queries, Clock clock,
                           org.axonframework.eventsourcing.eventstore.EventStore events) {
        this.events = events;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** The request's read model follows its events within moments: after an action, the page waits for it. */
    private static final java.time.Duration CATCH_UP = java.time.Duration.ofSeconds(5);

    @GetMapping("/console/requests/{requestId}")
    String request(@PathVariable UUID requestId, Model model) {
        RequestId id = RequestId.of(requestId);
        long stored = events.lastSequenceNumberFor(requestId.toString()).orElse(-1L);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        var trail = trail(id);
        while (trail.stream().mapToLong(e -> e.seq()).max().orElse(-1) < stored && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(20).toNanos());
            trail = trail(id);
        }
        RequestRow row = queries.query(new FindRequest(id), ResponseTypes.optionalInstanceOf(RequestRow.class)).join()
                .orElseThrow(() -> ApiProblem.notFound("unknown-request", "no such request"));
        model.addAttribute("r", row);
        model.addAttribute("status", RequestStatus.of(row.dueAt(), row.completedAt(), row.refusedAt(), clock.instant()));
        model.addAttribute("trail", trail);
        model.addAttribute("methods", VerificationMethod.values());
        model.addAttribute("fmt", new Readable());
        return "console/request";
    }

    /** Records a request received by the DPM (from the member page). */
    @PostMapping("/console/requests")
    String record(@RequestParam UUID memberId, @RequestParam RequestType type, RedirectAttributes flash) {
        RequestId id = RequestId.random();
        return act(flash, "/console/requests/" + id, "/console/members?q=" + memberId, "The request was recorded.",
                () -> commands.sendAndWait(new RecordRequest(id, MemberId.of(memberId), type, clock.instant(),
                        Callers.current())));
    }

    @PostMapping("/console/requests/{requestId}/verification")
    String verify(@PathVariable UUID requestId, @RequestParam VerificationMethod method, RedirectAttributes flash) {
        return act(flash, back(requestId), back(requestId), "The identity check was recorded.",
                () -> commands.sendAndWait(new VerifyIdentity(RequestId.of(requestId), method, Callers.current())));
    }

    @PostMapping("/console/requests/{requestId}/extension")
    String extend(@PathVariable UUID requestId, @RequestParam UUID memberId, @RequestParam int months,
                  @RequestParam String reason, RedirectAttributes flash) {
        if (months < 1 || months > 2 || !text(reason, Fields.PRINTABLE)) {
            return refused(flash, back(requestId), "An extension is one or two months, with a reason (up to 1,000 characters).");
        }
        return act(flash, back(requestId), back(requestId), "The deadline was extended.",
                () -> commands.sendAndWait(new ExtendRequest(RequestId.of(requestId), MemberId.of(memberId), months,
                        reason.strip(), Callers.current())));
    }

    @PostMapping("/console/requests/{requestId}/completion")
    String complete(@PathVariable UUID requestId, @RequestParam String resultingEventType,
                    @RequestParam long resultingEventSeq, RedirectAttributes flash) {
        if (!resultingEventType.matches("[A-Za-z]{1,64}") || resultingEventSeq < 0) {
            return refused(flash, back(requestId), "Name the answering event by its type (letters) and sequence number.");
        }
        return act(flash, back(requestId), back(requestId), "The request was linked to its answer.",
                () -> commands.sendAndWait(new CompleteRequest(RequestId.of(requestId), resultingEventType,
                        resultingEventSeq, Callers.current())));
    }

    @PostMapping("/console/requests/{requestId}/refusal")
    String refuse(@PathVariable UUID requestId, @RequestParam String reason, RedirectAttributes flash) {
        if (!text(reason, Fields.TEXT)) {
            return refused(flash, back(requestId), "A refusal needs its reason (up to 1,000 characters).");
        }
        return act(flash, back(requestId), back(requestId), "The request was refused.",
                () -> commands.sendAndWait(new RefuseRequest(RequestId.of(requestId), reason.strip(), Callers.current())));
    }

    private java.util.List<ledger.projections.request.RequestEventRow> trail(RequestId id) {
        return queries.query(new FindRequestHistory(id), ResponseTypes.instanceOf(RequestTrail.class)).join().entries();
    }

    private static boolean text(String value, String pattern) {
        return value != null && !value.isBlank() && value.length() <= 1000 && value.matches(pattern);
    }

    private static String back(UUID requestId) {
        return "/console/requests/" + requestId;
    }

    /** Runs one command; a refusal goes back with the ledger's reason, nothing half-done. */
    static String act(RedirectAttributes flash, String success, String failure, String done, Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            var refused = ConsoleErrors.refusal(e);
            if (refused.isEmpty()) {
                throw e;
            }
            return refused(flash, failure, refused.get().message());
        }
        flash.addFlashAttribute("ok", done);
        return "redirect:" + success;
    }

    static String refused(RedirectAttributes flash, String to, String message) {
        flash.addFlashAttribute("error", message);
        return "redirect:" + to;
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
