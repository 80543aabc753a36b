package ledger.api.http.admin;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.operations.DeadLetters;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;

/**
 * Poison events (ADMIN): the letters every processing group parked, a retry once the cause is
 * fixed, and eviction of a letter whose event must not be applied. See docs/reliability.md.
 */
@RestController
@Tag(name = "Operations")
@RequestMapping(path = "/api/v1/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLettersController {

    /** The outcome of retrying one letter's sequence. */
    record LetterRetry(String letterId, String processingGroup, boolean resolved, long lettersLeft) {
    }

    private final DeadLetters letters;
    private final PageLimit pageLimit;

    DeadLettersController(DeadLetters letters, PageLimit pageLimit) {
        this.letters = letters;
        this.pageLimit = pageLimit;
    }

    @Operation(
            summary = "List dead letters",
            description = "Poison events parked by the read models' processors, in queue order; where and "
                    + "why, never the event's content.")
    @RolesAllowed(Roles.ADMIN)
    @GetMapping
    List<DeadLetters.Letter> listDeadLetters(@RequestParam(required = false) String processingGroup,
                                  @RequestParam(required = false) Integer limit) {
        return letters.list(group(processingGroup, false), pageLimit.of(limit));
    }

    @Operation(
            summary = "Read a dead letter",
            description = "One parked event.")
    @RolesAllowed(Roles.ADMIN)
    @GetMapping("/{letterId}")
    DeadLetters.Letter letter(@PathVariable String letterId) {
        return find(letterId);
    }

    /**
     * Retries the letter's whole sequence (its member's parked events, in order). 409 when a letter
     * still fails: nothing changed.
     */
    @Operation(
            summary = "Retry a dead letter",
            description = "Handles the letter's sequence again, in order; 409 when a letter still fails "
                    + "(nothing changes).")
    @RolesAllowed(Roles.ADMIN)
    @PostMapping("/{letterId}/retry")
    LetterRetry retry(@PathVariable String letterId) {
        DeadLetters.Letter letter = find(letterId);
        if (!letters.retry(letter)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "dead-letter-still-failing", "The letter's sequence still"
                    + " fails in its event handlers; it stays in the queue unchanged", null);
        }
        return new LetterRetry(letter.id(), letter.processingGroup(), true, letters.count(letter.processingGroup()));
    }

    /** Retries every sequence of one processing group once. */
    @Operation(
            summary = "Retry a processing group's dead letters",
            description = "Handles every parked sequence of the processing group once.")
    @RolesAllowed(Roles.ADMIN)
    @PostMapping("/retry")
    DeadLetters.Retry retryAll(@RequestParam(required = false) String processingGroup) {
        return letters.retryAll(group(processingGroup, true));
    }

    /** Removes the letter: its event is never applied to that read model (a replay would apply it). */
    @Operation(
            summary = "Evict a dead letter",
            description = "Removes the letter; its event is not applied to that read model.")
    @ApiResponse(responseCode = "204", description = "No content")
    @RolesAllowed(Roles.ADMIN)
    @DeleteMapping(path = "/{letterId}", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> evict(@PathVariable String letterId) {
        if (!letters.evict(find(letterId))) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private DeadLetters.Letter find(String letterId) {
        if (letterId.length() > 255) {
            throw notFound();
        }
        return letters.find(letterId).orElseThrow(DeadLettersController::notFound);
    }

    private String group(String processingGroup, boolean required) {
        if (processingGroup == null) {
            if (required) {
                throw new InvalidParameter("processingGroup", "processingGroup is required, one of "
                        + letters.groupNames());
            }
            return null;
        }
        if (!letters.isGroup(processingGroup)) {
            throw new InvalidParameter("processingGroup", "processingGroup must be one of " + letters.groupNames());
        }
        return processingGroup;
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("dead-letter-not-found", "No such dead letter");
    }
}
